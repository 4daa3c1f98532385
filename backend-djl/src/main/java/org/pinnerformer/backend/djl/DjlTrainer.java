package org.pinnerformer.backend.djl;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.pinnerformer.api.Checkpoint;
import org.pinnerformer.api.ModelSpec;
import org.pinnerformer.api.TrainingBatch;
import org.pinnerformer.api.objective.TrainingOptions;
import org.pinnerformer.model.CheckpointValidator;
import org.pinnerformer.model.GraphNames;
import org.pinnerformer.model.ModelInputs;
import org.pinnerformer.model.ModelParameters;
import org.pinnerformer.model.PinnerFormerGraphs;
import org.pinnerformer.model.LearningRateSchedule;
import org.pinnerformer.spi.Trainer;
import org.pinnerformer.spi.graph.Graph;

/**
 * Trains by running the core's loss graph, lowered to libtorch, under DJL's gradient collector, then applying
 * {@link AdamW} with the {@link LearningRateSchedule} of the options. Not thread-safe: one training thread.
 */
final class DjlTrainer implements Trainer {
    private final NDManager manager;
    private final Checkpoint initial;
    private final ModelSpec spec;
    private final Graph loss;
    private final Map<String, NDArray> parameters;
    private final AdamW optimizer;
    private long steps;
    private boolean closed;

    DjlTrainer(NDManager parent, Checkpoint initial, TrainingOptions options) {
        Objects.requireNonNull(initial, "initial");
        Objects.requireNonNull(options, "options");
        CheckpointValidator.validate(initial);
        this.initial = initial;
        this.spec = initial.spec();
        this.loss = PinnerFormerGraphs.loss(ModelParameters.of(initial));
        this.manager = parent.newSubManager();
        this.parameters = Tensors.toArrays(manager, initial, true);
        this.optimizer = new AdamW(manager, parameters, LearningRateSchedule.of(options), options.weightDecay(),
                options.gradientClipNorm());
    }

    @Override
    public float step(TrainingBatch batch) {
        Objects.requireNonNull(batch, "batch");
        if (closed) {
            throw new IllegalStateException("this trainer is closed");
        }
        float value;
        try (NDManager scope = manager.newSubManager()) {
            Map<String, NDArray> data = Lowering.inputs(scope, ModelInputs.training(spec, batch));
            try (GradientCollector collector = Engine.getEngine("PyTorch").newGradientCollector()) {
                NDArray out = Lowering.run(scope, loss, parameters, data).get(GraphNames.LOSS);
                value = out.getFloat();
                if (!Float.isFinite(value)) {
                    return value;
                }
                collector.backward(out);
            }
            optimizer.step();
        }
        steps++;
        return value;
    }

    @Override
    public long steps() {
        return steps;
    }

    @Override
    public Checkpoint checkpoint() {
        if (closed) {
            throw new IllegalStateException("this trainer is closed");
        }
        Map<String, String> metadata = new HashMap<>(initial.metadata());
        metadata.put("training.steps", Long.toString(steps));
        return Tensors.toCheckpoint(initial, parameters).withMetadata(metadata);
    }

    /** Whether {@link #close()} ran. */
    boolean isClosed() {
        return closed;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            manager.close();
        }
    }
}
