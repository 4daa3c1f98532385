package org.pinnerformer.backend.onnx;

import ai.onnxruntime.OrtEnvironment;
import java.util.Objects;
import org.pinnerformer.api.Checkpoint;
import org.pinnerformer.api.ItemBatch;
import org.pinnerformer.api.ModelSpec;
import org.pinnerformer.backend.onnx.export.OnnxExport;
import org.pinnerformer.model.GraphNames;
import org.pinnerformer.model.ModelInputs;
import org.pinnerformer.spi.ItemEncoder;

/** The item tower, exported to ONNX and run by ONNX Runtime. Thread-safe. */
final class OnnxItemEncoder implements ItemEncoder {
    private final ModelSpec spec;
    private final OrtModel tower;
    private volatile boolean closed;

    OnnxItemEncoder(OrtEnvironment env, OnnxSettings settings, Checkpoint checkpoint) {
        Objects.requireNonNull(checkpoint, "checkpoint");
        this.spec = checkpoint.spec();
        this.tower = new OrtModel(env, settings, OnnxExport.itemTower(checkpoint), "item tower");
    }

    @Override
    public int outputSize() {
        return spec.outputSize();
    }

    @Override
    public float[] encode(ItemBatch batch) {
        if (closed) {
            throw new IllegalStateException("this item encoder is closed");
        }
        Objects.requireNonNull(batch, "batch");
        if (batch.count() == 0) {
            return new float[0];
        }
        return tower.run(ModelInputs.items(spec, batch), GraphNames.ITEM_EMBEDDINGS);
    }

    /** Whether {@link #close()} ran. */
    boolean isClosed() {
        return closed;
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            tower.close();
        }
    }
}
