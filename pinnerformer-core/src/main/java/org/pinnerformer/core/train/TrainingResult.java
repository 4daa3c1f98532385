package org.pinnerformer.core.train;

import java.util.List;
import java.util.Objects;
import org.pinnerformer.api.Checkpoint;

/**
 * What a training run produced.
 *
 * @param best the checkpoint with the best validation score (the last one when nothing was validated)
 * @param bestStep the step at which {@code best} was taken
 * @param bestScore its validation score, with {@code TrainingLoop.Builder#smoothing} the mean of the validations in
 *     its window ({@code NaN} when no validation ran)
 * @param steps the optimiser steps taken
 * @param stoppedEarly whether early stopping ended the run before the planned steps
 * @param losses the batch loss of every step, in order
 * @param validations every validation, in order
 * @param seconds wall-clock seconds of the run
 */
public record TrainingResult(Checkpoint best, long bestStep, double bestScore, long steps, boolean stoppedEarly,
        float[] losses, List<ValidationPoint> validations, double seconds) {

    /** Copies the lists and arrays. */
    public TrainingResult {
        Objects.requireNonNull(best, "best");
        losses = losses.clone();
        validations = List.copyOf(validations);
    }

    /** A copy of the per-step losses. */
    @Override
    public float[] losses() {
        return losses.clone();
    }
}
