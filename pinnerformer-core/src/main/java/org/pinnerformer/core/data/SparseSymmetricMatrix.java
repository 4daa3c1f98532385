package org.pinnerformer.core.data;

/**
 * A symmetric sparse matrix in compressed sparse row form (both triangles stored), with the one operation a
 * randomized SVD needs: a product with a dense row-major block of vectors.
 */
final class SparseSymmetricMatrix {
    private final int n;
    private final int[] rowStart;
    private final int[] columns;
    private final double[] values;

    private SparseSymmetricMatrix(int n, int[] rowStart, int[] columns, double[] values) {
        this.n = n;
        this.rowStart = rowStart;
        this.columns = columns;
        this.values = values;
    }

    /**
     * The matrix with entries {@code (a[k], b[k]) = (b[k], a[k]) = v[k]}, each unordered pair given once and
     * {@code a[k] != b[k]}.
     */
    static SparseSymmetricMatrix ofPairs(int n, int[] a, int[] b, double[] v, int count) {
        int[] rowStart = new int[n + 1];
        for (int k = 0; k < count; k++) {
            rowStart[a[k] + 1]++;
            rowStart[b[k] + 1]++;
        }
        for (int r = 0; r < n; r++) {
            rowStart[r + 1] += rowStart[r];
        }
        int[] fill = rowStart.clone();
        int[] columns = new int[2 * count];
        double[] values = new double[2 * count];
        for (int k = 0; k < count; k++) {
            int p = fill[a[k]]++;
            columns[p] = b[k];
            values[p] = v[k];
            p = fill[b[k]]++;
            columns[p] = a[k];
            values[p] = v[k];
        }
        return new SparseSymmetricMatrix(n, rowStart, columns, values);
    }

    int size() {
        return n;
    }

    long nonZeros() {
        return columns.length;
    }

    /** {@code y = M x}, where {@code x} and {@code y} are {@code n x width}, row-major. */
    void multiply(double[] x, double[] y, int width) {
        java.util.Arrays.fill(y, 0, n * width, 0.0);
        for (int r = 0; r < n; r++) {
            int yo = r * width;
            for (int p = rowStart[r]; p < rowStart[r + 1]; p++) {
                double v = values[p];
                int xo = columns[p] * width;
                for (int c = 0; c < width; c++) {
                    y[yo + c] += v * x[xo + c];
                }
            }
        }
    }
}
