package org.pinnerformer.backend.tf;

import java.util.LinkedHashMap;
import java.util.Map;
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
import org.tensorflow.proto.ConfigProto;

/**
 * The user tower on TensorFlow: {@link #encode} runs the newest-position-only graph, {@link #encodeAllPositions}
 * the full one; both live in one TF graph and share the parameter constants. Thread-safe.
 */
final class TfUserEncoder implements UserEncoder {
    private static final String NEWEST = "newest";
    private static final String ALL = "all";

    private final TfModel model;
    private final ModelSpec spec;

    TfUserEncoder(Checkpoint checkpoint, ConfigProto config) {
        Objects.requireNonNull(checkpoint, "checkpoint");
        ModelParameters params = ModelParameters.of(checkpoint);
        Map<String, Graph> graphs = new LinkedHashMap<>();
        graphs.put(NEWEST, PinnerFormerGraphs.userTowerNewest(params));
        graphs.put(ALL, PinnerFormerGraphs.userTower(params));
        this.spec = checkpoint.spec();
        this.model = new TfModel(checkpoint, graphs, config);
    }

    @Override
    public int outputSize() {
        return spec.outputSize();
    }

    @Override
    public float[] encode(InferenceBatch batch) {
        Objects.requireNonNull(batch, "batch");
        return model.run(NEWEST, ModelInputs.sequences(spec, batch.sequences()), GraphNames.USER_EMBEDDING,
                "user encoder");
    }

    @Override
    public float[] encodeAllPositions(InferenceBatch batch) {
        Objects.requireNonNull(batch, "batch");
        return model.run(ALL, ModelInputs.sequences(spec, batch.sequences()), GraphNames.USER_EMBEDDINGS,
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
