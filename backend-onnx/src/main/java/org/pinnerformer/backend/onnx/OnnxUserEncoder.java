package org.pinnerformer.backend.onnx;

import ai.onnxruntime.OrtEnvironment;
import java.util.Objects;
import org.pinnerformer.api.Checkpoint;
import org.pinnerformer.api.InferenceBatch;
import org.pinnerformer.api.ModelSpec;
import org.pinnerformer.backend.onnx.export.OnnxExport;
import org.pinnerformer.model.GraphNames;
import org.pinnerformer.model.ModelInputs;
import org.pinnerformer.spi.UserEncoder;

/** The newest-only and full user towers, exported to ONNX and run by ONNX Runtime. Thread-safe. */
final class OnnxUserEncoder implements UserEncoder {
    private final ModelSpec spec;
    private final OrtModel newest;
    private final OrtModel all;
    private volatile boolean closed;

    OnnxUserEncoder(OrtEnvironment env, OnnxSettings settings, Checkpoint checkpoint) {
        Objects.requireNonNull(checkpoint, "checkpoint");
        this.spec = checkpoint.spec();
        this.newest = new OrtModel(env, settings, OnnxExport.userTowerNewest(checkpoint), "newest-only user tower");
        OrtModel full;
        try {
            full = new OrtModel(env, settings, OnnxExport.userTower(checkpoint), "full user tower");
        } catch (RuntimeException e) {
            newest.close();
            throw e;
        }
        this.all = full;
    }

    @Override
    public int outputSize() {
        return spec.outputSize();
    }

    @Override
    public float[] encode(InferenceBatch batch) {
        return run(newest, batch, GraphNames.USER_EMBEDDING);
    }

    @Override
    public float[] encodeAllPositions(InferenceBatch batch) {
        return run(all, batch, GraphNames.USER_EMBEDDINGS);
    }

    private float[] run(OrtModel model, InferenceBatch batch, String output) {
        if (closed) {
            throw new IllegalStateException("this user encoder is closed");
        }
        Objects.requireNonNull(batch, "batch");
        if (batch.sequences().batchSize() == 0) {
            return new float[0];
        }
        return model.run(ModelInputs.sequences(spec, batch.sequences()), output);
    }

    /** Whether {@link #close()} ran. */
    boolean isClosed() {
        return closed;
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            try {
                newest.close();
            } finally {
                all.close();
            }
        }
    }
}
