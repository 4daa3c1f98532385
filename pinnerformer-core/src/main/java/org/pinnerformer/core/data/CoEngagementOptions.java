package org.pinnerformer.core.data;

/**
 * Options of {@link CoEngagementVectors}.
 *
 * @param dimension F, the size of each vector, {@code > 0}
 * @param window how many following actions of the same user count as co-engaged with an action, {@code > 0}
 * @param positiveOnly whether only positive actions (as the timelines define them) are used
 * @param oversampling extra random directions of the randomized SVD, {@code >= 0} (10 is usual)
 * @param powerIterations subspace iterations of the randomized SVD, {@code >= 0} (more is more accurate)
 * @param seed the seed of the random start of the randomized SVD
 */
public record CoEngagementOptions(int dimension, int window, boolean positiveOnly, int oversampling,
        int powerIterations, long seed) {

    /** Validates every field. */
    public CoEngagementOptions {
        if (dimension <= 0) {
            throw new IllegalArgumentException("dimension must be > 0, was " + dimension);
        }
        if (window <= 0) {
            throw new IllegalArgumentException("window must be > 0, was " + window);
        }
        if (oversampling < 0) {
            throw new IllegalArgumentException("oversampling must be >= 0, was " + oversampling);
        }
        if (powerIterations < 0) {
            throw new IllegalArgumentException("powerIterations must be >= 0, was " + powerIterations);
        }
    }

    /** 64 dimensions, a window of 10 actions, all actions, oversampling 10, 3 power iterations. */
    public static CoEngagementOptions defaults(long seed) {
        return new CoEngagementOptions(64, 10, false, 10, 3, seed);
    }

    /** These options with another dimension. */
    public CoEngagementOptions withDimension(int d) {
        return new CoEngagementOptions(d, window, positiveOnly, oversampling, powerIterations, seed);
    }

    /** These options with another window. */
    public CoEngagementOptions withWindow(int w) {
        return new CoEngagementOptions(dimension, w, positiveOnly, oversampling, powerIterations, seed);
    }

    /** These options using only positive actions, or all. */
    public CoEngagementOptions withPositiveOnly(boolean p) {
        return new CoEngagementOptions(dimension, window, p, oversampling, powerIterations, seed);
    }

    /** These options with another seed. */
    public CoEngagementOptions withSeed(long s) {
        return new CoEngagementOptions(dimension, window, positiveOnly, oversampling, powerIterations, s);
    }
}
