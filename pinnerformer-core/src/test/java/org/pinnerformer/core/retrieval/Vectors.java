package org.pinnerformer.core.retrieval;

import java.util.SplittableRandom;
import org.pinnerformer.core.data.ItemVectors;

/** Seeded clustered unit vectors: Gaussian blobs around random unit centres, each row normalised. */
final class Vectors {
    private Vectors() {
    }

    static float[] clustered(int n, int d, int clusters, double spread, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] centres = new float[clusters * d];
        for (int c = 0; c < clusters; c++) {
            gaussianUnit(r, centres, c * d, d, null, 0, 1);
        }
        float[] v = new float[n * d];
        for (int i = 0; i < n; i++) {
            gaussianUnit(r, v, i * d, d, centres, r.nextInt(clusters) * d, spread);
        }
        return v;
    }

    static ItemVectors space(int n, int d, long seed) {
        long[] ids = new long[n];
        for (int i = 0; i < n; i++) {
            ids[i] = 5_000_000L + 7L * i;
        }
        return ItemVectors.unitOrZero(ids, clustered(n, d, Math.max(1, n / 100), 0.3, seed), d);
    }

    /** {@code count} queries: random items of {@code space} plus Gaussian noise of {@code sigma} a coordinate. */
    static float[] nearItems(ItemVectors space, int count, double sigma, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int d = space.dimension();
        float[] out = new float[count * d];
        for (int q = 0; q < count; q++) {
            float[] v = space.vector(r.nextInt(space.size()));
            double s = 0;
            for (int c = 0; c < d; c++) {
                v[c] += (float) (r.nextGaussian() * sigma);
                s += (double) v[c] * v[c];
            }
            for (int c = 0; c < d; c++) {
                out[q * d + c] = (float) (v[c] / Math.sqrt(s));
            }
        }
        return out;
    }

    private static void gaussianUnit(SplittableRandom r, float[] out, int o, int d, float[] centre, int co,
            double spread) {
        double s = 0;
        for (int c = 0; c < d; c++) {
            double x = r.nextGaussian() * spread / Math.sqrt(d) + (centre == null ? 0 : centre[co + c]);
            out[o + c] = (float) x;
            s += x * x;
        }
        double norm = Math.sqrt(s);
        for (int c = 0; c < d; c++) {
            out[o + c] = (float) (out[o + c] / norm);
        }
    }
}
