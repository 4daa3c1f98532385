package org.pinnerformer.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RandomizedSvdTest {

    @Test
    void jacobiFindsTheEigenpairsOfASymmetricMatrix() {
        int n = 12;
        SplittableRandom r = new SplittableRandom(5);
        double[] a = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = i; j < n; j++) {
                a[i * n + j] = a[j * n + i] = r.nextDouble(-1, 1);
            }
        }
        double[] copy = a.clone();
        double[] v = new double[n * n];
        double[] values = DenseMath.symmetricEigen(copy, n, v);
        for (int c = 0; c < n; c++) {
            if (c > 0) {
                assertThat(values[c]).isLessThanOrEqualTo(values[c - 1]);
            }
            for (int i = 0; i < n; i++) {
                double av = 0;
                for (int k = 0; k < n; k++) {
                    av += a[i * n + k] * v[k * n + c];
                }
                assertThat(av).isCloseTo(values[c] * v[i * n + c], within(1e-9));
            }
        }
    }

    @Test
    void orthonormalisesColumnsAndZeroesDependentOnes() {
        int rows = 50;
        int cols = 4;
        SplittableRandom r = new SplittableRandom(9);
        double[] a = new double[rows * cols];
        for (int i = 0; i < rows; i++) {
            a[i * cols] = r.nextGaussian();
            a[i * cols + 1] = r.nextGaussian();
            a[i * cols + 2] = 2 * a[i * cols] - a[i * cols + 1]; // dependent
            a[i * cols + 3] = r.nextGaussian();
        }
        DenseMath.orthonormalizeColumns(a, rows, cols);
        double[] g = DenseMath.gram(a, rows, cols);
        double[] expected = {1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
        for (int i = 0; i < g.length; i++) {
            assertThat(g[i]).isCloseTo(expected[i], within(1e-12));
        }
    }

    @Test
    void recoversTheLeadingSingularValuesOfALowRankMatrix() {
        // Three blocks of constant off-diagonal weight w: each has eigenvalue (block - 1) * w once and -w
        // (block - 1) times, so the top singular values are 57, 38 and 19; the rest are at most 3, and the
        // power iterations shrink their pull by (3 / 19)^(2q + 1).
        int block = 20;
        int n = 3 * block;
        int pairs = 3 * block * (block - 1) / 2;
        int[] a = new int[pairs];
        int[] b = new int[pairs];
        double[] v = new double[pairs];
        int p = 0;
        double[] weight = {3, 2, 1};
        for (int k = 0; k < 3; k++) {
            for (int i = 0; i < block; i++) {
                for (int j = i + 1; j < block; j++) {
                    a[p] = k * block + i;
                    b[p] = k * block + j;
                    v[p++] = weight[k];
                }
            }
        }
        SparseSymmetricMatrix m = SparseSymmetricMatrix.ofPairs(n, a, b, v, p);
        RandomizedSvd.Result svd = RandomizedSvd.compute(m, 3, 10, 3, 1);
        assertThat(svd.singularValues()).containsExactly(new double[] {57, 38, 19}, within(1e-4));
        // the first singular vector is the indicator of the first block, normalised
        for (int i = 0; i < n; i++) {
            assertThat(svd.vectors()[i * 3]).isCloseTo(i < block ? 1 / Math.sqrt(block) : 0, within(1e-4));
        }
    }
}
