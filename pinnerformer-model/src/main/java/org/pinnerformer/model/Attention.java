package org.pinnerformer.model;

/**
 * The interpreter's kernel of {@link org.pinnerformer.spi.graph.Op.CausalSelfAttention}: per sequence, project
 * keys and values of every position and queries of the asked positions, then per head a causal, key-masked
 * softmax accumulated in double.
 */
final class Attention {

    private Attention() {
    }

    static float[] forward(float[] x, int batch, int t, int h, int heads, boolean newestOnly, float[] inW,
            float[] inB, float[] outW, float[] outB, float[] valid) {
        int dh = h / heads;
        double scale = 1 / Math.sqrt(dh);
        int firstQuery = newestOnly ? t - 1 : 0;
        int queries = t - firstQuery;
        float[] y = new float[batch * queries * h];
        float[] q = new float[h];
        float[] k = new float[t * h];
        float[] v = new float[t * h];
        float[] context = new float[h];
        double[] weights = new double[t];
        for (int b = 0; b < batch; b++) {
            int xb = b * t * h;
            for (int u = 0; u < t; u++) {
                for (int o = 0; o < h; o++) {
                    k[u * h + o] = (float) (Kernels.dot(x, xb + u * h, inW, (h + o) * h, h) + inB[h + o]);
                    v[u * h + o] = (float) (Kernels.dot(x, xb + u * h, inW, (2 * h + o) * h, h) + inB[2 * h + o]);
                }
            }
            for (int qt = firstQuery; qt < t; qt++) {
                boolean anyKey = false;
                for (int u = 0; u <= qt; u++) {
                    anyKey |= valid[b * t + u] != 0f;
                }
                int yo = (b * queries + qt - firstQuery) * h;
                if (!anyKey) {
                    continue;
                }
                for (int o = 0; o < h; o++) {
                    q[o] = (float) (Kernels.dot(x, xb + qt * h, inW, o * h, h) + inB[o]);
                }
                for (int head = 0; head < heads; head++) {
                    int c = head * dh;
                    double max = Double.NEGATIVE_INFINITY;
                    for (int u = 0; u <= qt; u++) {
                        if (valid[b * t + u] != 0f) {
                            weights[u] = Kernels.dot(q, c, k, u * h + c, dh) * scale;
                            max = Math.max(max, weights[u]);
                        }
                    }
                    double sum = 0;
                    for (int u = 0; u <= qt; u++) {
                        if (valid[b * t + u] != 0f) {
                            weights[u] = Math.exp(weights[u] - max);
                            sum += weights[u];
                        }
                    }
                    for (int i = 0; i < dh; i++) {
                        double acc = 0;
                        for (int u = 0; u <= qt; u++) {
                            if (valid[b * t + u] != 0f) {
                                acc += weights[u] * v[u * h + c + i];
                            }
                        }
                        context[c + i] = (float) (acc / sum);
                    }
                }
                for (int o = 0; o < h; o++) {
                    y[yo + o] = (float) (Kernels.dot(context, 0, outW, o * h, h) + outB[o]);
                }
            }
        }
        return y;
    }
}
