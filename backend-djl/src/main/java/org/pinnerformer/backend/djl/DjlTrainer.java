package org.pinnerformer.backend.djl;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.util.List;
import java.util.Map;
import org.pinnerformer.api.Checkpoint;
import org.pinnerformer.api.FloatTensor;
import org.pinnerformer.api.objective.TrainingOptions;
import org.pinnerformer.model.GraphNames;
import org.pinnerformer.model.LearningRateSchedule;
import org.pinnerformer.model.ModelInput;
import org.pinnerformer.model.engine.TrainingProgram;
import org.pinnerformer.spi.graph.Graph;

/**
 * Trains by running the core's loss graph, lowered to libtorch, under DJL's gradient collector, then applying
 * {@link AdamW} with the {@link LearningRateSchedule} of the options. Not thread-safe: one training thread.
 */
final class DjlTrainer implements TrainingProgram {
    private final NDManager manager;
    private final Graph loss;
    private final Map<String, NDArray> parameters;
    private final AdamW optimizer;

    DjlTrainer(NDManager parent, Graph loss, Checkpoint initial, TrainingOptions options) {
        this.loss = loss;
        this.manager = parent.newSubManager();
        this.parameters = Tensors.toArrays(manager, initial, true);
        this.optimizer = new AdamW(manager, parameters, LearningRateSchedule.of(options), options.weightDecay(),
                options.gradientClipNorm());
    }

    @Override
    public float step(List<ModelInput> inputs) {
        float value;
        try (NDManager scope = manager.newSubManager()) {
            Map<String, NDArray> data = Lowering.inputs(scope, inputs);
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
        return value;
    }

    @Override
    public Map<String, FloatTensor> parameters() {
        return Tensors.toTensors(parameters);
    }

    @Override
    public void close() {
        manager.close();
    }
}
