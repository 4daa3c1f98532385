package org.pinnerformer.spi;

import org.pinnerformer.api.Checkpoint;
import org.pinnerformer.api.TrainingBatch;

/**
 * Optimises the model with AdamW on the sampled-softmax loss of the core's loss graph. The learning-rate
 * schedule (linear warm-up, then decay), weight decay and gradient clipping follow the
 * {@link org.pinnerformer.api.objective.TrainingOptions} it was created with.
 */
public interface Trainer extends AutoCloseable {

    /**
     * Runs one optimiser step on the batch.
     *
     * @return the batch loss before the step
     */
    float step(TrainingBatch batch);

    /** The number of steps taken so far. */
    long steps();

    /** The current parameters as a checkpoint (a copy; training may go on). */
    Checkpoint checkpoint();

    /** Releases native resources; idempotent. */
    @Override
    void close();
}
