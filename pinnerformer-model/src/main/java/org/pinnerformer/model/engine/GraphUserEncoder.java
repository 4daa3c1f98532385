package org.pinnerformer.model.engine;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.pinnerformer.api.Checkpoint;
import org.pinnerformer.api.InferenceBatch;
import org.pinnerformer.api.ModelSpec;
import org.pinnerformer.api.SequenceBatch;
import org.pinnerformer.model.CheckpointValidator;
import org.pinnerformer.model.GraphNames;
import org.pinnerformer.model.ModelInputs;
import org.pinnerformer.model.ModelParameters;
import org.pinnerformer.model.PinnerFormerGraphs;
import org.pinnerformer.spi.UserEncoder;
import org.pinnerformer.spi.graph.Graph;

/**
 * The user tower on an engine: {@link #encode} runs the newest-position-only graph, {@link #encodeAllPositions} the
 * full one; both are compiled together so the engine may share their parameters. Thread-safe.
 */
final class GraphUserEncoder extends Handle implements UserEncoder {
    static final String NEWEST = "user_tower_newest";
    static final String ALL = "user_tower";

    private final ModelSpec spec;
    private final CompiledModel model;

    GraphUserEncoder(Engine engine, Checkpoint checkpoint) {
        super("user encoder");
        Objects.requireNonNull(checkpoint, "checkpoint");
        CheckpointValidator.validate(checkpoint);
        ModelParameters params = ModelParameters.of(checkpoint);
        Map<String, Graph> graphs = new LinkedHashMap<>();
        graphs.put(NEWEST, PinnerFormerGraphs.userTowerNewest(params));
        graphs.put(ALL, PinnerFormerGraphs.userTower(params));
        this.spec = checkpoint.spec();
        this.model = engine.compile(checkpoint, graphs);
    }

    @Override
    public int outputSize() {
        return spec.outputSize();
    }

    @Override
    public float[] encode(InferenceBatch batch) {
        return run(NEWEST, batch, GraphNames.USER_EMBEDDING, false);
    }

    @Override
    public float[] encodeAllPositions(InferenceBatch batch) {
        return run(ALL, batch, GraphNames.USER_EMBEDDINGS, true);
    }

    private float[] run(String graph, InferenceBatch batch, String output, boolean allPositions) {
        checkOpen();
        Objects.requireNonNull(batch, "batch");
        SequenceBatch s = batch.sequences();
        if (s.batchSize() == 0) {
            return new float[0];
        }
        long rows = (long) s.batchSize() * (allPositions ? s.length() : 1);
        return Outputs.check(model.run(graph, ModelInputs.sequences(spec, s), output), rows, spec.outputSize(),
                graph);
    }

    @Override
    void release() {
        model.close();
    }
}
