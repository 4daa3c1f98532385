package org.pinnerformer.model.engine;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.pinnerformer.api.Checkpoint;
import org.pinnerformer.api.ModelSpec;
import org.pinnerformer.api.TrainingBatch;
import org.pinnerformer.api.objective.TrainingOptions;
import org.pinnerformer.model.CheckpointValidator;
import org.pinnerformer.model.ModelInputs;
import org.pinnerformer.model.ModelParameters;
import org.pinnerformer.model.PinnerFormerGraphs;
import org.pinnerformer.spi.Trainer;

/**
 * Trains on an engine's {@link TrainingProgram} of the model's loss graph; counts the steps whose loss was finite
 * and records them in the checkpoint's metadata ({@code training.steps}). Not thread-safe: one training thread.
 */
final class GraphTrainer extends Handle implements Trainer {
    private final Checkpoint initial;
    private final ModelSpec spec;
    private final TrainingProgram program;
    private long steps;

    GraphTrainer(Engine engine, Checkpoint initial, TrainingOptions options) {
        super("trainer");
        Objects.requireNonNull(initial, "initial");
        Objects.requireNonNull(options, "options");
        CheckpointValidator.validate(initial);
        this.initial = initial;
        this.spec = initial.spec();
        this.program = engine.train(PinnerFormerGraphs.loss(ModelParameters.of(initial)), initial, options);
    }

    @Override
    public float step(TrainingBatch batch) {
        Objects.requireNonNull(batch, "batch");
        checkOpen();
        float value = program.step(ModelInputs.training(spec, batch));
        if (Float.isFinite(value)) {
            steps++;
        }
        return value;
    }

    @Override
    public long steps() {
        return steps;
    }

    @Override
    public Checkpoint checkpoint() {
        checkOpen();
        Map<String, String> metadata = new HashMap<>(initial.metadata());
        metadata.put("training.steps", Long.toString(steps));
        return initial.withTensors(program.parameters()).withMetadata(metadata);
    }

    @Override
    void release() {
        program.close();
    }
}
