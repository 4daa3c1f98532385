package org.pinnerformer.core.eval;

import java.util.Objects;

/**
 * Options of an evaluation run.
 *
 * @param k K of Recall@K and coverage@K, {@code > 0} (10)
 * @param windowDays K_eval, the length of the window {@code (t, t + windowDays days]} whose positive actions
 *     are the positives, {@code > 0} (28)
 * @param index the items retrieved from
 * @param mode how often embeddings are recomputed in the window
 * @param excludeSeen whether items the user acted on (any action type) at or before the query's cut are
 *     removed from that user's candidates; off by default, as in the paper. When on, a positive that repeats an
 *     earlier item cannot be found, which lowers recall: use it when positives are new items by construction
 * @param entropyDepth how many retrieved items interest entropy looks at, {@code > 0} (50)
 * @param threads how many threads score items, {@code > 0}
 * @param batchSize how many evaluated users are embedded per call of {@link UserEmbedder#embed}, {@code > 0}
 * @param seed the seed of the random index sample
 */
public record EvalOptions(int k, int windowDays, EvalIndex index, InferenceMode mode, boolean excludeSeen,
        int entropyDepth, int threads, int batchSize, long seed) {

    /** Validates every field. */
    public EvalOptions {
        positive("k", k);
        positive("windowDays", windowDays);
        Objects.requireNonNull(index, "index");
        Objects.requireNonNull(mode, "mode");
        positive("entropyDepth", entropyDepth);
        positive("threads", threads);
        positive("batchSize", batchSize);
    }

    private static void positive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be > 0, was " + value);
        }
    }

    /**
     * K = 10, a 28-day window, all items, one embedding per user, seen items kept, entropy@50, one thread per
     * available processor, 256 users per batch.
     */
    public static EvalOptions defaults(long seed) {
        return new EvalOptions(10, 28, EvalIndex.allItems(), InferenceMode.ONCE, false, 50,
                Runtime.getRuntime().availableProcessors(), 256, seed);
    }

    /** These options with another K. */
    public EvalOptions withK(int newK) {
        return new EvalOptions(newK, windowDays, index, mode, excludeSeen, entropyDepth, threads, batchSize, seed);
    }

    /** These options with another window. */
    public EvalOptions withWindowDays(int days) {
        return new EvalOptions(k, days, index, mode, excludeSeen, entropyDepth, threads, batchSize, seed);
    }

    /** These options with another index. */
    public EvalOptions withIndex(EvalIndex newIndex) {
        return new EvalOptions(k, windowDays, newIndex, mode, excludeSeen, entropyDepth, threads, batchSize, seed);
    }

    /** These options with another inference mode. */
    public EvalOptions withMode(InferenceMode newMode) {
        return new EvalOptions(k, windowDays, index, newMode, excludeSeen, entropyDepth, threads, batchSize, seed);
    }

    /** These options excluding seen items, or not. */
    public EvalOptions withExcludeSeen(boolean exclude) {
        return new EvalOptions(k, windowDays, index, mode, exclude, entropyDepth, threads, batchSize, seed);
    }

    /** These options with another entropy depth. */
    public EvalOptions withEntropyDepth(int depth) {
        return new EvalOptions(k, windowDays, index, mode, excludeSeen, depth, threads, batchSize, seed);
    }

    /** These options with another number of threads. */
    public EvalOptions withThreads(int n) {
        return new EvalOptions(k, windowDays, index, mode, excludeSeen, entropyDepth, n, batchSize, seed);
    }

    /** These options with another batch size. */
    public EvalOptions withBatchSize(int n) {
        return new EvalOptions(k, windowDays, index, mode, excludeSeen, entropyDepth, threads, n, seed);
    }

    /** These options with another seed. */
    public EvalOptions withSeed(long s) {
        return new EvalOptions(k, windowDays, index, mode, excludeSeen, entropyDepth, threads, batchSize, s);
    }
}
