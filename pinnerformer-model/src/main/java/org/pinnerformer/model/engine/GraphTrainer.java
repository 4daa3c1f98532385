package org.pinnerformer.model.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.pinnerformer.api.Checkpoint;
import org.pinnerformer.api.ModelSpec;
import org.pinnerformer.api.TrainingBatch;
import org.pinnerformer.api.objective.TrainingOptions;
import org.pinnerformer.model.CheckpointValidator;
import org.pinnerformer.model.ModelInput;
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
    private final long seed;
    private long steps;
    private long calls;

    GraphTrainer(Engine engine, Checkpoint initial, TrainingOptions options) {
        super("trainer");
        Objects.requireNonNull(initial, "initial");
        Objects.requireNonNull(options, "options");
        CheckpointValidator.validate(initial);
        this.initial = initial;
        this.spec = initial.spec();
        this.seed = options.seed();
        this.program = engine.train(PinnerFormerGraphs.loss(ModelParameters.of(initial)), initial, options);
    }

    @Override
    public float step(TrainingBatch batch) {
        Objects.requireNonNull(batch, "batch");
        checkOpen();
        List<ModelInput> inputs = ModelInputs.training(spec, batch);
        if (spec.hasDropout()) {
            // the masks of step n depend on the training seed and n only
            List<ModelInput> withSeed = new ArrayList<>(inputs);
            withSeed.add(ModelInputs.dropoutSeed(seed, calls));
            inputs = withSeed;
        }
        calls++;
        float value = program.step(inputs);
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
