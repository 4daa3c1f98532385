package org.pinnerformer.testkit;

import java.util.SplittableRandom;
import org.pinnerformer.core.data.ItemVectors;

/**
 * Seeded synthetic item embeddings with the structure retrieval indexes meet in practice: unit vectors in Gaussian
 * clusters around random unit centres (not uniform noise, on which every index looks alike), and queries near the
 * items, like user embeddings trained to score their items high.
 */
public final class ClusteredVectors {
    private ClusteredVectors() {
    }

    /**
     * {@code n} unit vectors of dimension {@code d} in {@code clusters} clusters; item {@code i} has id {@code i}.
     * Each item is a random centre plus Gaussian noise of expected norm {@code spread}, normalised.
     *
     * @throws IllegalArgumentException if a count is not positive or spread is negative or not finite
     */
    public static ItemVectors items(int n, int d, int clusters, double spread, long seed) {
        if (n <= 0 || d <= 0 || clusters <= 0) {
            throw new IllegalArgumentException("n, d and clusters must be > 0, were " + n + ", " + d + ", "
                    + clusters);
        }
        if (!(spread >= 0) || !Double.isFinite(spread)) {
            throw new IllegalArgumentException("spread must be finite and >= 0, was " + spread);
        }
        SplittableRandom r = new SplittableRandom(seed);
        float[] centres = new float[Math.multiplyExact(clusters, d)];
        for (int c = 0; c < clusters; c++) {
            perturbAndNormalise(r, centres, c * d, d, null, 0, 1);
        }
        float[] v = new float[Math.multiplyExact(n, d)];
        long[] ids = new long[n];
        for (int i = 0; i < n; i++) {
            ids[i] = i;
            perturbAndNormalise(r, v, i * d, d, centres, r.nextInt(clusters) * d, spread);
        }
        return ItemVectors.unitOrZero(ids, v, d);
    }

    /**
     * {@code count} unit queries, {@code count x D} row-major: a random item of {@code items} plus Gaussian noise
     * of expected norm {@code noise}, normalised.
     */
    public static float[] queriesNear(ItemVectors items, int count, double noise, long seed) {
        if (count <= 0) {
            throw new IllegalArgumentException("count must be > 0, was " + count);
        }
        if (!(noise >= 0) || !Double.isFinite(noise)) {
            throw new IllegalArgumentException("noise must be finite and >= 0, was " + noise);
        }
        SplittableRandom r = new SplittableRandom(seed);
        int d = items.dimension();
        float[] out = new float[Math.multiplyExact(count, d)];
        for (int q = 0; q < count; q++) {
            float[] item = items.vector(r.nextInt(items.size()));
            perturbAndNormalise(r, out, q * d, d, item, 0, noise);
        }
        return out;
    }

    private static void perturbAndNormalise(SplittableRandom r, float[] out, int o, int d, float[] centre, int co,
            double noise) {
        double scale = noise / Math.sqrt(d);
        double s = 0;
        for (int c = 0; c < d; c++) {
            double x = r.nextGaussian() * scale + (centre == null ? 0 : centre[co + c]);
            out[o + c] = (float) x;
            s += x * x;
        }
        double norm = Math.sqrt(s);
        for (int c = 0; c < d; c++) {
            out[o + c] = (float) (out[o + c] / norm);
        }
    }
}
