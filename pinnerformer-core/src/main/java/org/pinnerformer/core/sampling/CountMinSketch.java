package org.pinnerformer.core.sampling;

import java.util.SplittableRandom;

/**
 * A count-min sketch (Cormode and Muthukrishnan 2005) of how often each key (a catalogue item index) was seen,
 * used to estimate the in-batch sampling probability {@code Q} of positives for the logQ correction.
 *
 * <p>{@code depth = ceil(ln(1 / delta))} rows of {@code width = ceil(e / epsilon)} counters, each row hashed
 * with {@code ((a x + b) mod (2^61 - 1)) mod width} for random {@code a, b} drawn from the seed (a pairwise
 * independent family). Guarantee, for every key {@code x} with true count {@code c(x)} after a total of
 * {@code N} counted: {@code c(x) <= estimate(x)} always, and {@code estimate(x) <= c(x) + epsilon * N} with
 * probability at least {@code 1 - delta}.
 */
public final class CountMinSketch {
    private static final long MERSENNE_61 = (1L << 61) - 1;

    private final int width;
    private final int depth;
    private final double epsilon;
    private final double delta;
    private final long[] a;
    private final long[] b;
    private final long[] counts;
    private long total;

    /**
     * An empty sketch.
     *
     * @param epsilon the relative error bound, in {@code (0, 1)}
     * @param delta the probability of exceeding it, in {@code (0, 1)}
     * @param seed the seed of the hash functions
     * @throws IllegalArgumentException if {@code epsilon} or {@code delta} is out of range, or the sketch would
     *     need more than 2^28 counters
     */
    public CountMinSketch(double epsilon, double delta, long seed) {
        if (!(epsilon > 0 && epsilon < 1)) {
            throw new IllegalArgumentException("epsilon must lie in (0, 1), was " + epsilon);
        }
        if (!(delta > 0 && delta < 1)) {
            throw new IllegalArgumentException("delta must lie in (0, 1), was " + delta);
        }
        double w = Math.ceil(Math.E / epsilon);
        int d = (int) Math.ceil(Math.log(1 / delta));
        if (w * d > (1 << 28)) {
            throw new IllegalArgumentException("epsilon " + epsilon + " and delta " + delta + " would need "
                    + (long) (w * d) + " counters, more than 2^28");
        }
        this.epsilon = epsilon;
        this.delta = delta;
        this.width = (int) w;
        this.depth = Math.max(1, d);
        this.a = new long[depth];
        this.b = new long[depth];
        SplittableRandom random = new SplittableRandom(seed);
        for (int r = 0; r < depth; r++) {
            a[r] = 1 + random.nextLong(MERSENNE_61 - 1);
            b[r] = random.nextLong(MERSENNE_61);
        }
        this.counts = new long[depth * width];
    }

    /** Adds {@code count} ({@code >= 0}) occurrences of {@code key}. */
    public void add(long key, long count) {
        if (count < 0) {
            throw new IllegalArgumentException("count must be >= 0, was " + count);
        }
        for (int r = 0; r < depth; r++) {
            counts[r * width + bucket(r, key)] += count;
        }
        total += count;
    }

    /** The estimated count of {@code key}: never below the true count (see the class comment for the bound). */
    public long estimate(long key) {
        long min = Long.MAX_VALUE;
        for (int r = 0; r < depth; r++) {
            min = Math.min(min, counts[r * width + bucket(r, key)]);
        }
        return min;
    }

    /** N, the total of all counts added. */
    public long total() {
        return total;
    }

    /** The error bound {@code epsilon * N} that an estimate exceeds the true count by with probability at most {@code delta}. */
    public double errorBound() {
        return epsilon * total;
    }

    /** The relative error bound epsilon. */
    public double epsilon() {
        return epsilon;
    }

    /** The failure probability delta. */
    public double delta() {
        return delta;
    }

    /** The number of counters per row. */
    public int width() {
        return width;
    }

    /** The number of rows. */
    public int depth() {
        return depth;
    }

    private int bucket(int r, long key) {
        long x = Math.floorMod(key, MERSENNE_61);
        return (int) (mod61(mulMod61(a[r], x) + b[r]) % width);
    }

    /** {@code (x * y) mod (2^61 - 1)} for {@code x, y < 2^61 - 1}, from the 122-bit product. */
    private static long mulMod61(long x, long y) {
        long lo = x * y;
        long hi = Math.multiplyHigh(x, y);
        long low61 = lo & MERSENNE_61;
        long high = (lo >>> 61) | (hi << 3);
        return mod61(low61 + high);
    }

    private static long mod61(long x) {
        long r = (x & MERSENNE_61) + (x >>> 61);
        return r >= MERSENNE_61 ? r - MERSENNE_61 : r;
    }
}
