package org.pinnerformer.model.engine;

import java.util.List;
import java.util.Map;
import org.pinnerformer.api.FloatTensor;
import org.pinnerformer.model.ModelInput;

/** A loss graph over trainable parameters with an optimiser step, built by {@link Engine#train}. One thread. */
public interface TrainingProgram extends AutoCloseable {

    /**
     * Computes the loss on the inputs and, when it is finite, takes one optimiser step. A step whose loss is not
     * finite leaves every parameter and optimiser state unchanged and does not count for the schedule.
     *
     * @param inputs the loss graph's data inputs, from {@link org.pinnerformer.model.ModelInputs#training}
     * @return the loss before the step
     */
    float step(List<ModelInput> inputs);

    /** A copy of the current parameters, by tensor name, with the shapes of the initial checkpoint. */
    Map<String, FloatTensor> parameters();

    /** Releases the engine's resources for this program; called once. */
    @Override
    void close();
}
