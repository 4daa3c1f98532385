package org.pinnerformer.backend.djl;

import ai.djl.ndarray.NDManager;
import java.util.Objects;
import org.pinnerformer.api.Checkpoint;
import org.pinnerformer.api.InferenceBatch;
import org.pinnerformer.api.ModelSpec;
import org.pinnerformer.model.GraphNames;
import org.pinnerformer.model.ModelInputs;
import org.pinnerformer.model.ModelParameters;
import org.pinnerformer.model.PinnerFormerGraphs;
import org.pinnerformer.spi.UserEncoder;
import org.pinnerformer.spi.graph.Graph;

/**
 * The user tower on libtorch: {@link #encode} runs the newest-position-only graph, {@link #encodeAllPositions} the
 * full one. Thread-safe: calls share the read-only parameters.
 */
final class DjlUserEncoder implements UserEncoder {
    private final DjlModel model;
    private final ModelSpec spec;
    private final Graph newest;
    private final Graph all;

    DjlUserEncoder(NDManager parent, Checkpoint checkpoint) {
        Objects.requireNonNull(checkpoint, "checkpoint");
        this.model = new DjlModel(parent, checkpoint);
        ModelParameters params = ModelParameters.of(checkpoint);
        this.spec = checkpoint.spec();
        this.newest = PinnerFormerGraphs.userTowerNewest(params);
        this.all = PinnerFormerGraphs.userTower(params);
    }

    @Override
    public int outputSize() {
        return spec.outputSize();
    }

    @Override
    public float[] encode(InferenceBatch batch) {
        Objects.requireNonNull(batch, "batch");
        return model.run(newest, ModelInputs.sequences(spec, batch.sequences()), GraphNames.USER_EMBEDDING,
                "user encoder");
    }

    @Override
    public float[] encodeAllPositions(InferenceBatch batch) {
        Objects.requireNonNull(batch, "batch");
        return model.run(all, ModelInputs.sequences(spec, batch.sequences()), GraphNames.USER_EMBEDDINGS,
                "user encoder");
    }

    @Override
    public void close() {
        model.close();
    }

    /** Whether {@link #close()} ran. */
    boolean isClosed() {
        return model.isClosed();
    }
}
