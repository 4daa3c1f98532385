package org.pinnerformer.api.objective;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * Everything the training loop needs besides the model spec.
 *
 * @param objective what each position learns to predict
 * @param negatives how negatives are drawn
 * @param batchSize sequences per batch ({@code > 0})
 * @param learningRate peak learning rate of AdamW ({@code > 0})
 * @param warmupSteps steps of linear warm-up before decay ({@code >= 0}); unless set, the builder derives it from
 *     the steps by {@link #defaultWarmupSteps(int)}
 * @param steps total optimizer steps ({@code > 0}); see {@link #epochs()}
 * @param epochs when {@code > 0}, the number of passes over the training users, overriding {@code steps}
 * @param weightDecay AdamW's decoupled weight decay ({@code >= 0})
 * @param gradientClipNorm global L2 norm gradients are clipped to ({@code > 0}; infinity disables clipping)
 * @param seed the seed of every sampler and initialiser
 * @param evaluateEvery validation cadence in steps ({@code >= 0}; 0 = only at the end)
 */
public record TrainingOptions(
        Objective objective,
        NegativeSampling negatives,
        int batchSize,
        double learningRate,
        int warmupSteps,
        int steps,
        int epochs,
        double weightDecay,
        double gradientClipNorm,
        long seed,
        int evaluateEvery) {

    /** The default number of optimiser steps. */
    public static final int DEFAULT_STEPS = 300;
    /** The default batch size. */
    public static final int DEFAULT_BATCH_SIZE = 64;
    /** The default validation cadence in steps. */
    public static final int DEFAULT_EVALUATE_EVERY = 25;

    /** Validates every field. */
    public TrainingOptions {
        Objects.requireNonNull(objective, "objective");
        Objects.requireNonNull(negatives, "negatives");
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batchSize must be > 0, was " + batchSize);
        }
        if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
            throw new IllegalArgumentException("learningRate must be > 0, was " + learningRate);
        }
        if (warmupSteps < 0) {
            throw new IllegalArgumentException("warmupSteps must be >= 0, was " + warmupSteps);
        }
        if (steps <= 0) {
            throw new IllegalArgumentException("steps must be > 0, was " + steps);
        }
        if (epochs < 0) {
            throw new IllegalArgumentException("epochs must be >= 0, was " + epochs);
        }
        if (!(weightDecay >= 0) || !Double.isFinite(weightDecay)) {
            throw new IllegalArgumentException("weightDecay must be >= 0, was " + weightDecay);
        }
        if (!(gradientClipNorm > 0)) {
            throw new IllegalArgumentException("gradientClipNorm must be > 0, was " + gradientClipNorm);
        }
        if (evaluateEvery < 0) {
            throw new IllegalArgumentException("evaluateEvery must be >= 0, was " + evaluateEvery);
        }
    }

    /** A builder starting from {@link #defaults()}. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The one set of training defaults, used by the front door, the CLI's {@code train} and {@code quickstart} and the
     * examples: dense all action (28 days, 32 anchors), default negatives, batch {@value #DEFAULT_BATCH_SIZE},
     * learning rate 1e-3, {@value #DEFAULT_STEPS} steps with {@link #defaultWarmupSteps(int)} (30) warm-up steps,
     * weight decay 0.01, clipping at 1.0, seed 42, validation every {@value #DEFAULT_EVALUATE_EVERY} steps. On
     * ml-latest-small with the small preset this trains in a few minutes on 2 cores.
     */
    public static TrainingOptions defaults() {
        return builder().build();
    }

    /**
     * The warm-up a builder gives {@code steps} optimiser steps when no warm-up is set: a tenth of the steps, at most
     * 100 ({@code min(steps / 10, 100)}).
     *
     * @throws IllegalArgumentException if steps is not positive
     */
    public static int defaultWarmupSteps(int steps) {
        if (steps <= 0) {
            throw new IllegalArgumentException("steps must be > 0, was " + steps);
        }
        return Math.min(steps / 10, 100);
    }

    /** A builder starting from these options. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.objective = objective;
        b.negatives = negatives;
        b.batchSize = batchSize;
        b.learningRate = learningRate;
        b.warmupSteps = OptionalInt.of(warmupSteps);
        b.steps = steps;
        b.epochs = epochs;
        b.weightDecay = weightDecay;
        b.gradientClipNorm = gradientClipNorm;
        b.seed = seed;
        b.evaluateEvery = evaluateEvery;
        return b;
    }

    /** A mutable builder of {@link TrainingOptions}. */
    public static final class Builder {
        private Objective objective = Objective.paperDefault();
        private NegativeSampling negatives = NegativeSampling.defaults();
        private int batchSize = DEFAULT_BATCH_SIZE;
        private double learningRate = 1e-3;
        /** Empty until set: then {@link #defaultWarmupSteps(int)} of the steps. */
        private OptionalInt warmupSteps = OptionalInt.empty();
        private int steps = DEFAULT_STEPS;
        private int epochs = 0;
        private double weightDecay = 0.01;
        private double gradientClipNorm = 1.0;
        private long seed = 42;
        private int evaluateEvery = DEFAULT_EVALUATE_EVERY;

        private Builder() {
        }

        /** Sets the objective. */
        public Builder objective(Objective v) {
            objective = v;
            return this;
        }

        /** Sets negative sampling. */
        public Builder negatives(NegativeSampling v) {
            negatives = v;
            return this;
        }

        /** Sets the batch size. */
        public Builder batchSize(int v) {
            batchSize = v;
            return this;
        }

        /** Sets the peak learning rate. */
        public Builder learningRate(double v) {
            learningRate = v;
            return this;
        }

        /** Sets the warm-up steps (unset: {@link TrainingOptions#defaultWarmupSteps(int)} of the steps). */
        public Builder warmupSteps(int v) {
            warmupSteps = OptionalInt.of(v);
            return this;
        }

        /** Sets the number of steps. */
        public Builder steps(int v) {
            steps = v;
            return this;
        }

        /** Sets the number of epochs (0 = use steps). */
        public Builder epochs(int v) {
            epochs = v;
            return this;
        }

        /** Sets the weight decay. */
        public Builder weightDecay(double v) {
            weightDecay = v;
            return this;
        }

        /** Sets the gradient clipping norm. */
        public Builder gradientClipNorm(double v) {
            gradientClipNorm = v;
            return this;
        }

        /** Sets the seed. */
        public Builder seed(long v) {
            seed = v;
            return this;
        }

        /** Sets the validation cadence in steps. */
        public Builder evaluateEvery(int v) {
            evaluateEvery = v;
            return this;
        }

        /** Builds and validates the options. */
        public TrainingOptions build() {
            int warmup = warmupSteps.isPresent() ? warmupSteps.getAsInt() : steps > 0 ? defaultWarmupSteps(steps) : 0;
            return new TrainingOptions(objective, negatives, batchSize, learningRate, warmup, steps, epochs,
                    weightDecay, gradientClipNorm, seed, evaluateEvery);
        }
    }
}
