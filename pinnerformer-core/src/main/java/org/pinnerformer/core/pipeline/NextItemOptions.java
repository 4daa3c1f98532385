package org.pinnerformer.core.pipeline;

import java.util.Objects;
import org.pinnerformer.core.data.CoEngagementOptions;

/**
 * How a {@link NextItemExperiment} holds out items, learns item vectors and evaluates.
 *
 * @param validationFraction the share of users whose second-last item is held out for validation (early stopping
 *     and the choice of checkpoint only), in (0, 1) (0.1)
 * @param k the cut-off of Recall@K and NDCG@K, {@code > 0} (10)
 * @param coEngagement how item content vectors are learned from the training actions; the dimension is replaced by
 *     the model's item vector size
 * @param patience validations in a row without improvement before training stops, {@code >= 0}; 0 never stops
 *     early (10)
 * @param smoothing validations averaged into the score that picks the checkpoint and counts towards patience,
 *     {@code >= 1} (3; 1: each validation alone; see {@code TrainingLoop.Builder#smoothing})
 * @param encodeBatchSize users or items per encoder call, {@code > 0} (256)
 * @param threads threads that rank items, {@code > 0}
 * @param seed the seed of the validation users (the vectors' seed lives in {@code coEngagement})
 * @param modelContentVectors whether the model's items carry the co-engagement vectors (true) or zero vectors, so
 *     that the model knows items by their learned ids alone (false; needs item ids in the model spec). The
 *     last-item-neighbours baseline uses the co-engagement vectors either way.
 */
public record NextItemOptions(double validationFraction, int k, CoEngagementOptions coEngagement, int patience,
        int smoothing, int encodeBatchSize, int threads, long seed, boolean modelContentVectors) {

    /** Validates every field. */
    public NextItemOptions {
        Objects.requireNonNull(coEngagement, "coEngagement");
        if (!(validationFraction > 0 && validationFraction < 1)) {
            throw new IllegalArgumentException("validationFraction must be in (0, 1), was " + validationFraction);
        }
        if (k <= 0) {
            throw new IllegalArgumentException("k must be > 0, was " + k);
        }
        if (patience < 0) {
            throw new IllegalArgumentException("patience must be >= 0, was " + patience);
        }
        if (smoothing < 1) {
            throw new IllegalArgumentException("smoothing must be >= 1, was " + smoothing);
        }
        if (encodeBatchSize <= 0) {
            throw new IllegalArgumentException("encodeBatchSize must be > 0, was " + encodeBatchSize);
        }
        if (threads <= 0) {
            throw new IllegalArgumentException("threads must be > 0, was " + threads);
        }
    }

    /**
     * 10% validation users, K = 10, {@link CoEngagementOptions#defaults}, patience 10, the checkpoint chosen on the
     * mean of 3 validations, encoder batches of 256, one ranking thread per available processor, the model's items
     * carrying co-engagement vectors, everything seeded from {@code seed}.
     */
    public static NextItemOptions defaults(long seed) {
        return new NextItemOptions(0.1, 10, CoEngagementOptions.defaults(seed), 10, 3, 256,
                Runtime.getRuntime().availableProcessors(), seed, true);
    }

    /** These options with another patience. */
    public NextItemOptions withPatience(int p) {
        return new NextItemOptions(validationFraction, k, coEngagement, p, smoothing, encodeBatchSize, threads, seed,
                modelContentVectors);
    }

    /** These options with another smoothing of the validation scores. */
    public NextItemOptions withSmoothing(int validations) {
        return new NextItemOptions(validationFraction, k, coEngagement, patience, validations, encodeBatchSize,
                threads, seed, modelContentVectors);
    }

    /** These options with another number of ranking threads. */
    public NextItemOptions withThreads(int t) {
        return new NextItemOptions(validationFraction, k, coEngagement, patience, smoothing, encodeBatchSize, t,
                seed, modelContentVectors);
    }

    /**
     * These options with or without content vectors on the model's items; without them the model spec must have
     * learned item ids.
     */
    public NextItemOptions withModelContentVectors(boolean on) {
        return new NextItemOptions(validationFraction, k, coEngagement, patience, smoothing, encodeBatchSize, threads,
                seed, on);
    }
}
