package org.pinnerformer.core.platform;

import org.pinnerformer.api.ProgressListener;
import org.pinnerformer.core.train.TrainingListener;

/** Tells an api {@link ProgressListener} {@code ("train", step, totalSteps)} after each optimiser step. */
final class TrainingProgress implements TrainingListener {
    private final ProgressListener listener;
    private long total;

    TrainingProgress(ProgressListener listener) {
        this.listener = listener;
    }

    @Override
    public void started(long totalSteps) {
        total = totalSteps;
        listener.progress("train", 0, (int) Math.min(Integer.MAX_VALUE, totalSteps));
    }

    @Override
    public void stepped(long step, float loss, double elapsedSeconds) {
        listener.progress("train", (int) Math.min(Integer.MAX_VALUE, step), (int) Math.min(Integer.MAX_VALUE, total));
    }
}
