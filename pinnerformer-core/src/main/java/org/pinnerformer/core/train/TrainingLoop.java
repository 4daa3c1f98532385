package org.pinnerformer.core.train;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.pinnerformer.api.Checkpoint;
import org.pinnerformer.api.PinnerFormerException;
import org.pinnerformer.api.TrainingBatch;
import org.pinnerformer.api.objective.TrainingOptions;
import org.pinnerformer.spi.Trainer;

/**
 * Steps a {@link Trainer} over batches, validates every {@code evaluateEvery} steps and at the end, keeps the
 * checkpoint with the best validation score, and stops early after {@code patience} validations in a row
 * without improvement. With {@code smoothing(n)} the score that picks the checkpoint and counts towards patience
 * is the mean of the last {@code n} validations (fewer at the start), so that on a small validation set one lucky
 * validation does not win. Backend-agnostic: the same loop drives every backend.
 *
 * <pre>{@code
 * TrainingResult result = TrainingLoop.builder(trainer, source.batches())
 *         .steps(2_000).validator(validator).evaluateEvery(200).patience(3)
 *         .listener(progress).build().run();
 * }</pre>
 *
 * <p>A non-finite loss stops the run with a {@link PinnerFormerException} naming the step, so NaN never
 * propagates into a checkpoint.
 */
public final class TrainingLoop {
    private final Trainer trainer;
    private final Iterator<TrainingBatch> batches;
    private final long steps;
    private final Optional<Validator> validator;
    private final int evaluateEvery;
    private final int patience;
    private final int smoothing;
    private final TrainingListener listener;

    private TrainingLoop(Builder b) {
        this.trainer = b.trainer;
        this.batches = b.batches;
        this.steps = b.steps;
        this.validator = b.validator;
        this.evaluateEvery = b.evaluateEvery;
        this.patience = b.patience;
        this.smoothing = b.smoothing;
        this.listener = b.listener;
    }

    /** A builder for a loop over {@code batches} with {@code trainer}. */
    public static Builder builder(Trainer trainer, Iterator<TrainingBatch> batches) {
        return new Builder(trainer, batches);
    }

    /**
     * The options with epochs turned into steps: {@code ceil(epochs * trainingUsers / batchSize)} when
     * {@code options.epochs() > 0}, otherwise the options unchanged.
     */
    public static TrainingOptions resolveSteps(TrainingOptions options, int trainingUsers) {
        if (trainingUsers <= 0) {
            throw new IllegalArgumentException("trainingUsers must be > 0, was " + trainingUsers);
        }
        if (options.epochs() == 0) {
            return options;
        }
        long steps = Math.max(1, ((long) options.epochs() * trainingUsers + options.batchSize() - 1)
                / options.batchSize());
        if (steps > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(options.epochs() + " epochs of " + trainingUsers
                    + " users are more than " + Integer.MAX_VALUE + " steps");
        }
        return options.toBuilder().steps((int) steps).epochs(0).build();
    }

    /**
     * Runs the loop to the planned steps, early stopping, or the end of the batches, whichever comes first.
     *
     * @throws PinnerFormerException if a step's loss is not finite
     */
    public TrainingResult run() {
        long start = System.nanoTime();
        List<ValidationPoint> validations = new ArrayList<>();
        float[] losses = new float[(int) Math.min(steps, 1 << 24)];
        int lossCount = 0;
        Checkpoint best = null;
        long bestStep = 0;
        double bestScore = Double.NaN;
        int sinceBest = 0;
        double lossSum = 0;
        int lossTerms = 0;
        boolean stoppedEarly = false;
        long step = 0;
        listener.started(steps);
        while (step < steps && batches.hasNext()) {
            float loss = trainer.step(batches.next());
            step++;
            if (!Float.isFinite(loss)) {
                throw new PinnerFormerException("training step " + step + " produced a non-finite loss (" + loss
                        + "); lower the learning rate or check the input data");
            }
            if (lossCount == losses.length) {
                losses = java.util.Arrays.copyOf(losses, Math.min(Integer.MAX_VALUE - 8, 2 * losses.length + 1));
            }
            losses[lossCount++] = loss;
            lossSum += loss;
            lossTerms++;
            listener.stepped(step, loss, seconds(start));
            boolean last = step == steps || !batches.hasNext();
            if (validator.isPresent() && ((evaluateEvery > 0 && step % evaluateEvery == 0) || last)) {
                Checkpoint current = trainer.checkpoint();
                double score = validator.get().score(current);
                if (!Double.isFinite(score)) {
                    throw new PinnerFormerException("validation at step " + step + " gave a non-finite score ("
                            + score + ")");
                }
                ValidationPoint point = new ValidationPoint(step, score, lossSum / lossTerms);
                lossSum = 0;
                lossTerms = 0;
                validations.add(point);
                double smoothed = validations.subList(Math.max(0, validations.size() - smoothing), validations.size())
                        .stream().mapToDouble(ValidationPoint::score).average().orElseThrow();
                boolean improved = best == null || smoothed > bestScore;
                if (improved) {
                    best = current;
                    bestStep = step;
                    bestScore = smoothed;
                    sinceBest = 0;
                } else {
                    sinceBest++;
                }
                listener.validated(point, improved);
                if (patience > 0 && sinceBest >= patience && !last) {
                    stoppedEarly = true;
                    break;
                }
            }
        }
        if (step == 0) {
            throw new PinnerFormerException("the batch source gave no batch: no training user has a positive "
                    + "action to learn from");
        }
        if (best == null) {
            best = trainer.checkpoint();
            bestStep = step;
        }
        TrainingResult result = new TrainingResult(best, bestStep, bestScore, step, stoppedEarly,
                java.util.Arrays.copyOf(losses, lossCount), validations, seconds(start));
        listener.finished(result);
        return result;
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    /** Configures a {@link TrainingLoop}. */
    public static final class Builder {
        private final Trainer trainer;
        private final Iterator<TrainingBatch> batches;
        private long steps = TrainingOptions.defaults().steps();
        private Optional<Validator> validator = Optional.empty();
        private int evaluateEvery;
        private int patience;
        private int smoothing = 1;
        private TrainingListener listener = TrainingListener.none();

        private Builder(Trainer trainer, Iterator<TrainingBatch> batches) {
            this.trainer = Objects.requireNonNull(trainer, "trainer");
            this.batches = Objects.requireNonNull(batches, "batches");
        }

        /** Steps and validation cadence from the options (epochs must be resolved: see {@link #resolveSteps}). */
        public Builder options(TrainingOptions options) {
            if (options.epochs() > 0) {
                throw new IllegalArgumentException("options count epochs; resolve them with "
                        + "TrainingLoop.resolveSteps first");
            }
            return steps(options.steps()).evaluateEvery(options.evaluateEvery());
        }

        /** The planned number of steps ({@code > 0}). */
        public Builder steps(long v) {
            if (v <= 0) {
                throw new IllegalArgumentException("steps must be > 0, was " + v);
            }
            steps = v;
            return this;
        }

        /** Scores checkpoints on held-out users; without one, the last checkpoint is the result. */
        public Builder validator(Validator v) {
            validator = Optional.of(Objects.requireNonNull(v, "validator"));
            return this;
        }

        /** Validation cadence in steps ({@code >= 0}; 0 validates only at the end). */
        public Builder evaluateEvery(int v) {
            if (v < 0) {
                throw new IllegalArgumentException("evaluateEvery must be >= 0, was " + v);
            }
            evaluateEvery = v;
            return this;
        }

        /** Validations in a row without improvement before stopping ({@code >= 0}; 0 never stops early). */
        public Builder patience(int v) {
            if (v < 0) {
                throw new IllegalArgumentException("patience must be >= 0, was " + v);
            }
            patience = v;
            return this;
        }

        /**
         * Validations averaged into the score that chooses the checkpoint and counts towards patience ({@code >= 1};
         * 1, the default, uses each validation's own score). The kept checkpoint is the newest of the best window,
         * and {@link TrainingResult#bestScore()} is that window's mean.
         */
        public Builder smoothing(int validations) {
            if (validations < 1) {
                throw new IllegalArgumentException("smoothing must be >= 1 validation, was " + validations);
            }
            smoothing = validations;
            return this;
        }

        /** Who hears about progress. */
        public Builder listener(TrainingListener v) {
            listener = Objects.requireNonNull(v, "listener");
            return this;
        }

        /** The loop. */
        public TrainingLoop build() {
            return new TrainingLoop(this);
        }
    }
}
