package org.pinnerformer.core.data;

/** The small dense linear algebra of the randomized SVD: orthonormalisation and a symmetric eigensolver. */
final class DenseMath {
    private DenseMath() {
    }

    /**
     * Makes the columns of the row-major {@code rows x cols} matrix {@code a} orthonormal, in place, by modified
     * Gram-Schmidt applied twice (which is as accurate as Householder QR for our use). A column that is
     * (numerically) in the span of the previous ones becomes zero.
     */
    static void orthonormalizeColumns(double[] a, int rows, int cols) {
        for (int pass = 0; pass < 2; pass++) {
            for (int j = 0; j < cols; j++) {
                double before = columnNorm(a, rows, cols, j);
                for (int k = 0; k < j; k++) {
                    double dot = 0;
                    for (int r = 0; r < rows; r++) {
                        dot += a[r * cols + k] * a[r * cols + j];
                    }
                    if (dot != 0) {
                        for (int r = 0; r < rows; r++) {
                            a[r * cols + j] -= dot * a[r * cols + k];
                        }
                    }
                }
                double norm = columnNorm(a, rows, cols, j);
                double scale = norm > 1e-10 * Math.max(before, Double.MIN_NORMAL) && norm > 0 ? 1 / norm : 0;
                for (int r = 0; r < rows; r++) {
                    a[r * cols + j] *= scale;
                }
            }
        }
    }

    private static double columnNorm(double[] a, int rows, int cols, int j) {
        double s = 0;
        for (int r = 0; r < rows; r++) {
            double v = a[r * cols + j];
            s += v * v;
        }
        return Math.sqrt(s);
    }

    /** {@code a^T a} for a row-major {@code rows x cols} matrix: a symmetric {@code cols x cols} matrix. */
    static double[] gram(double[] a, int rows, int cols) {
        double[] g = new double[cols * cols];
        for (int r = 0; r < rows; r++) {
            int o = r * cols;
            for (int i = 0; i < cols; i++) {
                double ai = a[o + i];
                if (ai == 0) {
                    continue;
                }
                for (int j = i; j < cols; j++) {
                    g[i * cols + j] += ai * a[o + j];
                }
            }
        }
        for (int i = 0; i < cols; i++) {
            for (int j = 0; j < i; j++) {
                g[i * cols + j] = g[j * cols + i];
            }
        }
        return g;
    }

    /**
     * Eigen-decomposes a symmetric {@code n x n} matrix by cyclic Jacobi rotations: returns the eigenvalues in
     * descending order and writes the matching unit eigenvectors as the columns of {@code vectors}
     * (row-major {@code n x n}). The input is destroyed.
     */
    static double[] symmetricEigen(double[] s, int n, double[] vectors) {
        java.util.Arrays.fill(vectors, 0, n * n, 0.0);
        for (int i = 0; i < n; i++) {
            vectors[i * n + i] = 1;
        }
        for (int sweep = 0; sweep < 100; sweep++) {
            double off = 0;
            double total = 0;
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    double v = s[i * n + j] * s[i * n + j];
                    total += v;
                    if (i != j) {
                        off += v;
                    }
                }
            }
            if (off <= 1e-30 * Math.max(total, Double.MIN_NORMAL)) {
                break;
            }
            for (int p = 0; p < n; p++) {
                for (int q = p + 1; q < n; q++) {
                    rotate(s, n, vectors, p, q);
                }
            }
        }
        double[] values = new double[n];
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            values[i] = s[i * n + i];
            order[i] = i;
        }
        java.util.Arrays.sort(order, (x, y) -> Double.compare(values[y], values[x]));
        double[] sortedValues = new double[n];
        double[] sortedVectors = new double[n * n];
        for (int c = 0; c < n; c++) {
            sortedValues[c] = values[order[c]];
            for (int r = 0; r < n; r++) {
                sortedVectors[r * n + c] = vectors[r * n + order[c]];
            }
        }
        System.arraycopy(sortedVectors, 0, vectors, 0, n * n);
        return sortedValues;
    }

    /** One Jacobi rotation zeroing {@code s[p][q]}. */
    private static void rotate(double[] s, int n, double[] v, int p, int q) {
        double apq = s[p * n + q];
        if (apq == 0) {
            return;
        }
        double app = s[p * n + p];
        double aqq = s[q * n + q];
        double theta = (aqq - app) / (2 * apq);
        double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        if (theta == 0) {
            t = 1;
        }
        double c = 1 / Math.sqrt(t * t + 1);
        double sn = t * c;
        for (int k = 0; k < n; k++) {
            double skp = s[k * n + p];
            double skq = s[k * n + q];
            s[k * n + p] = c * skp - sn * skq;
            s[k * n + q] = sn * skp + c * skq;
        }
        for (int k = 0; k < n; k++) {
            double spk = s[p * n + k];
            double sqk = s[q * n + k];
            s[p * n + k] = c * spk - sn * sqk;
            s[q * n + k] = sn * spk + c * sqk;
        }
        for (int k = 0; k < n; k++) {
            double vkp = v[k * n + p];
            double vkq = v[k * n + q];
            v[k * n + p] = c * vkp - sn * vkq;
            v[k * n + q] = sn * vkp + c * vkq;
        }
    }
}
