package org.pinnerformer.core.train;

/** Hears about a training run's progress; every method has an empty default. Called on the training thread. */
public interface TrainingListener {
    /** A listener that ignores everything. */
    static TrainingListener none() {
        return new TrainingListener() {
        };
    }

    /** Before the first step. */
    default void started(long totalSteps) {
    }

    /** After each optimiser step: its 1-based number, the batch loss before the step and the seconds so far. */
    default void stepped(long step, float loss, double elapsedSeconds) {
    }

    /** After each validation. */
    default void validated(ValidationPoint point, boolean best) {
    }

    /** Once, at the end. */
    default void finished(TrainingResult result) {
    }
}
