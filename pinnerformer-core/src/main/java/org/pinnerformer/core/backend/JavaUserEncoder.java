package org.pinnerformer.core.backend;

import java.util.Objects;
import org.pinnerformer.api.Checkpoint;
import org.pinnerformer.api.InferenceBatch;
import org.pinnerformer.api.ModelSpec;
import org.pinnerformer.model.CheckpointValidator;
import org.pinnerformer.model.GraphInterpreter;
import org.pinnerformer.model.GraphNames;
import org.pinnerformer.model.ModelInputs;
import org.pinnerformer.model.ModelParameters;
import org.pinnerformer.model.PinnerFormerGraphs;
import org.pinnerformer.spi.UserEncoder;

/** Runs the newest-only and full user towers with the interpreter. Thread-safe. */
final class JavaUserEncoder implements UserEncoder {
    private final ModelSpec spec;
    private final GraphInterpreter newest;
    private final GraphInterpreter all;
    private final int threads;
    private volatile boolean closed;

    JavaUserEncoder(Checkpoint checkpoint, int threads) {
        Objects.requireNonNull(checkpoint, "checkpoint");
        CheckpointValidator.validate(checkpoint);
        ModelParameters params = ModelParameters.of(checkpoint);
        this.spec = checkpoint.spec();
        this.newest = new GraphInterpreter(PinnerFormerGraphs.userTowerNewest(params), checkpoint.tensors());
        this.all = new GraphInterpreter(PinnerFormerGraphs.userTower(params), checkpoint.tensors());
        this.threads = threads;
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

    private float[] run(GraphInterpreter interpreter, InferenceBatch batch, String output) {
        if (closed) {
            throw new IllegalStateException("this user encoder is closed");
        }
        Objects.requireNonNull(batch, "batch");
        return interpreter.run(ModelInputs.sequences(spec, batch.sequences()), threads).get(output).toArray();
    }

    @Override
    public void close() {
        closed = true;
    }
}
