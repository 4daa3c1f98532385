package org.pinnerformer.core.pipeline;

import java.util.Objects;
import org.pinnerformer.core.data.CoEngagementOptions;
import org.pinnerformer.core.eval.EvalOptions;

/**
 * How an {@link Experiment} splits users, learns item vectors and evaluates.
 *
 * @param evalFraction the share of users evaluated at the end, in (0, 1); never trained or validated on (0.2)
 * @param validationFraction the share of users held out for validation during training, in (0, 1) (0.1);
 *     {@code evalFraction + validationFraction} must be below 1
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
public record ExperimentOptions(double evalFraction, double validationFraction, double cutFraction,
        EvalOptions eval, CoEngagementOptions coEngagement, int patience, int recentItems, int encodeBatchSize,
        long seed) {

    /** Validates every field. */
    public ExperimentOptions {
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
     * 20% evaluation users, 10% validation users, cut after 80% of each timeline, {@link EvalOptions#defaults}
     * (Recall@10 over a 28-day window against the whole catalogue), {@link CoEngagementOptions#defaults},
     * patience 4, recent mean of 20 items, encoder batches of 256, everything seeded from {@code seed}.
     */
    public static ExperimentOptions defaults(long seed) {
        return new ExperimentOptions(0.2, 0.1, 0.8, EvalOptions.defaults(seed), CoEngagementOptions.defaults(seed),
                4, 20, 256, seed);
    }

    /** These options with another patience. */
    public ExperimentOptions withPatience(int p) {
        return new ExperimentOptions(evalFraction, validationFraction, cutFraction, eval, coEngagement, p,
                recentItems, encodeBatchSize, seed);
    }

    /** These options with other evaluation options. */
    public ExperimentOptions withEval(EvalOptions e) {
        return new ExperimentOptions(evalFraction, validationFraction, cutFraction, e, coEngagement, patience,
                recentItems, encodeBatchSize, seed);
    }

    /** These options with other user fractions. */
    public ExperimentOptions withFractions(double evalShare, double validationShare) {
        return new ExperimentOptions(evalShare, validationShare, cutFraction, eval, coEngagement, patience,
                recentItems, encodeBatchSize, seed);
    }
}
