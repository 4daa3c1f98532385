package org.pinnerformer.core.pipeline;

import java.util.Objects;
import org.pinnerformer.core.data.CoEngagementOptions;
import org.pinnerformer.core.eval.EvalOptions;

/**
 * How an {@link Experiment} splits users, learns item vectors, trains and evaluates.
 *
 * @param evalFraction the share of users evaluated at the end, in (0, 1); never validated on (0.2)
 * @param validationFraction the share of users whose future windows choose the checkpoint during training, in
 *     (0, 1) (0.3; 0.1 with {@link TrainingUsers#STRICT}); {@code evalFraction + validationFraction} must be below 1
 * @param trainingUsers whose actions the model trains on: every user's actions before that user's cut
 *     ({@link TrainingUsers#BEFORE_CUT}, the paper's protocol and the default) or only the users that are neither
 *     evaluated nor validated ({@link TrainingUsers#STRICT})
 * @param cutFraction each evaluated or validation user's history is the first {@code cutFraction} of the user's
 *     actions ({@link org.pinnerformer.core.eval.CutPolicy#fraction}), in (0, 1) (0.8)
 * @param eval K, window, index, mode, threads and seed of evaluation and validation
 * @param coEngagement how item vectors are learned from the training period; the dimension is replaced by the
 *     model's item vector size
 * @param patience validations in a row without improvement before training stops, {@code >= 0}; 0 never stops
 *     early (4)
 * @param recentItems M of the recent-mean baseline, {@code > 0} (20)
 * @param encodeBatchSize users or items per encoder call, {@code > 0} (256)
 * @param seed the seed of the user split (the other seeds live in {@code eval} and {@code coEngagement})
 */
public record ExperimentOptions(double evalFraction, double validationFraction, TrainingUsers trainingUsers,
        double cutFraction, EvalOptions eval, CoEngagementOptions coEngagement, int patience, int recentItems,
        int encodeBatchSize, long seed) {

    /** Validates every field. */
    public ExperimentOptions {
        Objects.requireNonNull(trainingUsers, "trainingUsers");
        Objects.requireNonNull(eval, "eval");
        Objects.requireNonNull(coEngagement, "coEngagement");
        if (!(evalFraction > 0 && evalFraction < 1)) {
            throw new IllegalArgumentException("evalFraction must be in (0, 1), was " + evalFraction);
        }
        if (!(validationFraction > 0 && validationFraction < 1)) {
            throw new IllegalArgumentException("validationFraction must be in (0, 1), was " + validationFraction);
        }
        if (!(evalFraction + validationFraction < 1)) {
            throw new IllegalArgumentException("evalFraction + validationFraction must be < 1 to leave training users,"
                    + " was " + (evalFraction + validationFraction));
        }
        if (!(cutFraction > 0 && cutFraction < 1)) {
            throw new IllegalArgumentException("cutFraction must be in (0, 1), was " + cutFraction);
        }
        if (patience < 0) {
            throw new IllegalArgumentException("patience must be >= 0, was " + patience);
        }
        if (recentItems <= 0) {
            throw new IllegalArgumentException("recentItems must be > 0, was " + recentItems);
        }
        if (encodeBatchSize <= 0) {
            throw new IllegalArgumentException("encodeBatchSize must be > 0, was " + encodeBatchSize);
        }
    }

    /**
     * Whose actions the model trains on. Either way no label comes from after a user's cut, and the evaluation
     * users are the same (they depend on {@link #evalFraction} and {@link #seed} only).
     */
    public enum TrainingUsers {
        /**
         * Every user's actions before that user's cut, evaluated and validation users included (the model has no
         * per-user parameters; the paper trains on everything before a date and evaluates the days after it).
         */
        BEFORE_CUT,
        /** Only the users that are neither evaluated nor validated, all their actions: evaluated users are unseen. */
        STRICT
    }

    /**
     * 20% evaluation users, 30% validation users, training on every user's actions before the cut
     * ({@link TrainingUsers#BEFORE_CUT}), cut after 80% of each timeline, {@link EvalOptions#defaults} (Recall@10
     * over a 28-day window against the whole catalogue), {@link CoEngagementOptions#defaults}, patience 4, recent
     * mean of 20 items, encoder batches of 256, everything seeded from {@code seed}.
     */
    public static ExperimentOptions defaults(long seed) {
        return new ExperimentOptions(0.2, 0.3, TrainingUsers.BEFORE_CUT, 0.8, EvalOptions.defaults(seed),
                CoEngagementOptions.defaults(seed), 4, 20, 256, seed);
    }

    /**
     * {@link #defaults} with the strict split: evaluated and validation users are never trained on, and 10% of the
     * users validate so that 70% are left to train on.
     */
    public static ExperimentOptions strict(long seed) {
        return defaults(seed).withTrainingUsers(TrainingUsers.STRICT).withFractions(0.2, 0.1);
    }

    /** These options with other training users (the fractions are kept). */
    public ExperimentOptions withTrainingUsers(TrainingUsers t) {
        return new ExperimentOptions(evalFraction, validationFraction, t, cutFraction, eval, coEngagement, patience,
                recentItems, encodeBatchSize, seed);
    }

    /** These options with another patience. */
    public ExperimentOptions withPatience(int p) {
        return new ExperimentOptions(evalFraction, validationFraction, trainingUsers, cutFraction, eval, coEngagement,
                p, recentItems, encodeBatchSize, seed);
    }

    /** These options with other evaluation options. */
    public ExperimentOptions withEval(EvalOptions e) {
        return new ExperimentOptions(evalFraction, validationFraction, trainingUsers, cutFraction, e, coEngagement,
                patience, recentItems, encodeBatchSize, seed);
    }

    /** These options with other user fractions. */
    public ExperimentOptions withFractions(double evalShare, double validationShare) {
        return new ExperimentOptions(evalShare, validationShare, trainingUsers, cutFraction, eval, coEngagement,
                patience, recentItems, encodeBatchSize, seed);
    }
}
