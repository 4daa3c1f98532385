package org.pinnerformer.core.backend;

import java.util.Objects;
import org.pinnerformer.api.Checkpoint;
import org.pinnerformer.api.ItemBatch;
import org.pinnerformer.api.ModelSpec;
import org.pinnerformer.model.CheckpointValidator;
import org.pinnerformer.model.GraphInterpreter;
import org.pinnerformer.model.GraphNames;
import org.pinnerformer.model.ModelInputs;
import org.pinnerformer.model.ModelParameters;
import org.pinnerformer.model.PinnerFormerGraphs;
import org.pinnerformer.spi.ItemEncoder;

/** Runs the item tower with the interpreter. Thread-safe. */
final class JavaItemEncoder implements ItemEncoder {
    private final ModelSpec spec;
    private final GraphInterpreter tower;
    private final int threads;
    private volatile boolean closed;

    JavaItemEncoder(Checkpoint checkpoint, int threads) {
        Objects.requireNonNull(checkpoint, "checkpoint");
        CheckpointValidator.validate(checkpoint);
        this.spec = checkpoint.spec();
        this.tower = new GraphInterpreter(PinnerFormerGraphs.itemTower(ModelParameters.of(checkpoint)),
                checkpoint.tensors());
        this.threads = threads;
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
        return tower.run(ModelInputs.items(spec, batch), threads).get(GraphNames.ITEM_EMBEDDINGS).toArray();
    }

    @Override
    public void close() {
        closed = true;
    }
}
