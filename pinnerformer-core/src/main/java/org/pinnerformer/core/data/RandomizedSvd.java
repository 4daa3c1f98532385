package org.pinnerformer.core.data;

import java.util.SplittableRandom;

/**
 * The leading singular vectors of a symmetric sparse matrix by randomized subspace iteration (Halko,
 * Martinsson and Tropp, 2011): a seeded Gaussian start block, {@code q} power iterations with
 * re-orthonormalisation, and an exact eigen-decomposition of the small projected problem. Deterministic for a
 * seed: every step is sequential plain-Java arithmetic.
 */
final class RandomizedSvd {

    /** The top {@code k} singular values (descending) and left singular vectors ({@code n x k}, row-major). */
    record Result(int k, double[] singularValues, double[] vectors) {
    }

    private RandomizedSvd() {
    }

    static Result compute(SparseSymmetricMatrix m, int k, int oversampling, int powerIterations, long seed) {
        int n = m.size();
        int l = Math.min(n, k + oversampling);
        int kk = Math.min(k, l);
        SplittableRandom random = new SplittableRandom(seed);
        double[] q = new double[n * l];
        for (int i = 0; i < q.length; i++) {
            q[i] = random.nextGaussian();
        }
        double[] y = new double[n * l];
        m.multiply(q, y, l);
        double[] swap = q;
        q = y;
        y = swap;
        DenseMath.orthonormalizeColumns(q, n, l);
        for (int it = 0; it < powerIterations; it++) {
            m.multiply(q, y, l);
            swap = q;
            q = y;
            y = swap;
            DenseMath.orthonormalizeColumns(q, n, l);
        }
        // B = Q^T M = (M Q)^T since M is symmetric; B B^T = Z^T Z with Z = M Q.
        m.multiply(q, y, l);
        double[] bbt = DenseMath.gram(y, n, l);
        double[] w = new double[l * l];
        double[] eigen = DenseMath.symmetricEigen(bbt, l, w);
        double[] sigma = new double[kk];
        for (int c = 0; c < kk; c++) {
            sigma[c] = Math.sqrt(Math.max(0, eigen[c]));
        }
        // U = Q W, first kk columns.
        double[] u = new double[n * kk];
        for (int r = 0; r < n; r++) {
            for (int j = 0; j < l; j++) {
                double qrj = q[r * l + j];
                if (qrj == 0) {
                    continue;
                }
                for (int c = 0; c < kk; c++) {
                    u[r * kk + c] += qrj * w[j * l + c];
                }
            }
        }
        fixSigns(u, n, kk);
        return new Result(kk, sigma, u);
    }

    /** Flips each column so that its largest-magnitude entry is positive: signs no longer depend on round-off. */
    private static void fixSigns(double[] u, int n, int k) {
        for (int c = 0; c < k; c++) {
            double best = 0;
            for (int r = 0; r < n; r++) {
                if (Math.abs(u[r * k + c]) > Math.abs(best)) {
                    best = u[r * k + c];
                }
            }
            if (best < 0) {
                for (int r = 0; r < n; r++) {
                    u[r * k + c] = -u[r * k + c];
                }
            }
        }
    }
}
