package org.pinnerformer.model;

import org.pinnerformer.api.objective.TrainingOptions;

/**
 * Linear warm-up, then cosine decay: the learning rate every backend's optimiser uses at a step.
 *
 * <pre>
 *   lr(s) = peak * (s + 1) / warmup                                  for s &lt; warmup
 *   lr(s) = floor + (peak - floor) * (1 + cos(pi * d)) / 2,  d = (s - warmup) / max(1, total - warmup)
 * </pre>
 *
 * with {@code d} clamped to {@code [0, 1]} and {@code floor = 0.1 * peak}, so training that runs past the
 * planned total keeps a small learning rate instead of stopping dead. Steps count from 0.
 *
 * @param peak the learning rate after warm-up ({@code > 0})
 * @param warmupSteps steps of linear warm-up ({@code >= 0})
 * @param totalSteps the planned number of steps ({@code > 0})
 */
public record LearningRateSchedule(double peak, int warmupSteps, long totalSteps) {
    /** The floor of the decay, as a fraction of the peak. */
    public static final double FLOOR_FRACTION = 0.1;

    /** Validates the arguments. */
    public LearningRateSchedule {
        if (!(peak > 0) || !Double.isFinite(peak)) {
            throw new IllegalArgumentException("peak learning rate must be a finite number > 0, was " + peak);
        }
        if (warmupSteps < 0) {
            throw new IllegalArgumentException("warmupSteps must be >= 0, was " + warmupSteps);
        }
        if (totalSteps <= 0) {
            throw new IllegalArgumentException("totalSteps must be > 0, was " + totalSteps);
        }
    }

    /**
     * The schedule of {@code options} over {@code options.steps()} steps.
     *
     * @throws IllegalArgumentException if the options count epochs: resolve them to steps first with
     *     {@code TrainingLoop.resolveSteps} (core)
     */
    public static LearningRateSchedule of(TrainingOptions options) {
        if (options.epochs() > 0) {
            throw new IllegalArgumentException("options count " + options.epochs()
                    + " epochs; resolve them to steps with TrainingLoop.resolveSteps before scheduling");
        }
        return new LearningRateSchedule(options.learningRate(), options.warmupSteps(), options.steps());
    }

    /** The learning rate at step {@code step} (counted from 0). */
    public double at(long step) {
        if (step < 0) {
            throw new IllegalArgumentException("step must be >= 0, was " + step);
        }
        if (step < warmupSteps) {
            return peak * (step + 1) / warmupSteps;
        }
        double d = (double) (step - warmupSteps) / Math.max(1, totalSteps - warmupSteps);
        d = Math.min(1, d);
        double floor = FLOOR_FRACTION * peak;
        return floor + (peak - floor) * (1 + Math.cos(Math.PI * d)) / 2;
    }
}
