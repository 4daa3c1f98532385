package org.pinnerformer.model;

import java.util.Arrays;
import org.pinnerformer.spi.graph.Dim;
import org.pinnerformer.spi.graph.Op;
import org.pinnerformer.spi.graph.OpVisitor;
import org.pinnerformer.spi.graph.Node;

/**
 * The interpreter's float32 kernels, one per op, each the formula documented on the op. Reductions accumulate in
 * double (see {@link GraphInterpreter}).
 */
final class Kernels implements OpVisitor<Kernels.Result> {

    /** A computed value. */
    record Result(float[] data, int[] shape) {
    }

    private final Node node;
    private final float[][] floats;
    private final int[][] ints;
    private final int[][] shapes;

    Kernels(Node node, float[][] floats, int[][] ints, int[][] shapes) {
        this.node = node;
        this.floats = floats;
        this.ints = ints;
        this.shapes = shapes;
    }

    private float[] f(int operand) {
        return floats[node.input(operand).id()];
    }

    private int[] shape(int operand) {
        return shapes[node.input(operand).id()];
    }

    private static int last(int[] shape) {
        return shape[shape.length - 1];
    }

    private static int[] withLast(int[] shape, int last) {
        int[] s = shape.clone();
        s[s.length - 1] = last;
        return s;
    }

    /** {@code sum_i a[ai + i] b[bi + i]} over {@code n} values, in double with four independent sums. */
    static double dot(float[] a, int ai, float[] b, int bi, int n) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int i = 0;
        for (; i + 3 < n; i += 4) {
            s0 += (double) a[ai + i] * b[bi + i];
            s1 += (double) a[ai + i + 1] * b[bi + i + 1];
            s2 += (double) a[ai + i + 2] * b[bi + i + 2];
            s3 += (double) a[ai + i + 3] * b[bi + i + 3];
        }
        for (; i < n; i++) {
            s0 += (double) a[ai + i] * b[bi + i];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** {@code y[r, o] = x[r, :] . w[o, :] + bias[o]} for {@code rows} rows. */
    static float[] linear(float[] x, int rows, int in, float[] w, float[] bias, int out) {
        float[] y = new float[rows * out];
        for (int r = 0; r < rows; r++) {
            for (int o = 0; o < out; o++) {
                y[r * out + o] = (float) (dot(x, r * in, w, o * in, in) + bias[o]);
            }
        }
        return y;
    }

    @Override
    public Result visit(Op.Linear op) {
        int[] xs = shape(0);
        int in = last(xs);
        int out = shape(1)[0];
        int rows = Arrays.stream(xs, 0, xs.length - 1).reduce(1, (a, b) -> a * b);
        return new Result(linear(f(0), rows, in, f(1), f(2), out), withLast(xs, out));
    }

    @Override
    public Result visit(Op.LayerNorm op) {
        float[] x = f(0);
        float[] gamma = f(1);
        float[] beta = f(2);
        int h = last(shape(0));
        float[] y = new float[x.length];
        for (int r = 0; r * h < x.length; r++) {
            int o = r * h;
            double mean = 0;
            for (int i = 0; i < h; i++) {
                mean += x[o + i];
            }
            mean /= h;
            double var = 0;
            for (int i = 0; i < h; i++) {
                double d = x[o + i] - mean;
                var += d * d;
            }
            double inv = 1 / Math.sqrt(var / h + op.epsilon());
            for (int i = 0; i < h; i++) {
                y[o + i] = (float) ((x[o + i] - mean) * inv * gamma[i] + beta[i]);
            }
        }
        return new Result(y, shape(0));
    }

    @Override
    public Result visit(Op.Gelu op) {
        float[] x = f(0);
        float[] y = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = (float) Erf.gelu(x[i]);
        }
        return new Result(y, shape(0));
    }

    @Override
    public Result visit(Op.Gather op) {
        float[] x = f(0);
        int d = last(shape(0));
        int rows = d == 0 ? 0 : x.length / d;
        int[] idx = ints[node.input(1).id()];
        int[] idxShape = shape(1);
        float[] y = new float[idx.length * d];
        for (int k = 0; k < idx.length; k++) {
            int row = idx[k];
            if (row < 0 || row >= rows) {
                throw new IllegalArgumentException("Gather index " + row + " at position " + k + " of operand %"
                        + node.input(1).id() + " is outside the " + rows + " rows of " + node.input(0));
            }
            System.arraycopy(x, row * d, y, k * d, d);
        }
        int[] shape = Arrays.copyOf(idxShape, idxShape.length + 1);
        shape[idxShape.length] = d;
        return new Result(y, shape);
    }

    @Override
    public Result visit(Op.Reshape op) {
        int[] xs = shape(0);
        int[] symbolic = new int[xs.length];
        int count = 0;
        for (int i = 0; i < xs.length; i++) {
            if (!node.input(0).shape().dim(i).isFixed()) {
                symbolic[count++] = xs[i];
            }
        }
        int[] out = new int[op.shape().rank()];
        int next = 0;
        for (int i = 0; i < out.length; i++) {
            Dim dim = op.shape().dim(i);
            out[i] = dim.isFixed() ? dim.size() : symbolic[next++];
        }
        return new Result(f(0), out);
    }

    @Override
    public Result visit(Op.Concat op) {
        int n = node.inputs().size();
        int[] widths = new int[n];
        int total = 0;
        for (int k = 0; k < n; k++) {
            widths[k] = last(shape(k));
            total += widths[k];
        }
        int rows = total == 0 ? 0 : Arrays.stream(shape(0), 0, shape(0).length - 1).reduce(1, (a, b) -> a * b);
        float[] y = new float[rows * total];
        int at = 0;
        for (int k = 0; k < n; k++) {
            float[] x = f(k);
            for (int r = 0; r < rows; r++) {
                System.arraycopy(x, r * widths[k], y, r * total + at, widths[k]);
            }
            at += widths[k];
        }
        return new Result(y, withLast(shape(0), total));
    }

    private interface Binary {
        float apply(float a, float b);
    }

    private Result broadcast(Binary fn) {
        float[] a = f(0);
        float[] b = f(1);
        float[] y = new float[a.length];
        int m = b.length;
        for (int i = 0; i < a.length; i++) {
            y[i] = fn.apply(a[i], b[i % m]);
        }
        return new Result(y, shape(0));
    }

    @Override
    public Result visit(Op.Add op) {
        return broadcast((a, b) -> a + b);
    }

    @Override
    public Result visit(Op.Sub op) {
        return broadcast((a, b) -> a - b);
    }

    @Override
    public Result visit(Op.Mul op) {
        return broadcast((a, b) -> a * b);
    }

    @Override
    public Result visit(Op.Div op) {
        return broadcast((a, b) -> a / b);
    }

    private interface Unary {
        double apply(double x);
    }

    private Result map(Unary fn) {
        float[] x = f(0);
        float[] y = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = (float) fn.apply(x[i]);
        }
        return new Result(y, shape(0));
    }

    @Override
    public Result visit(Op.ScaleShift op) {
        return map(x -> op.scale() * x + op.shift());
    }

    @Override
    public Result visit(Op.Cos op) {
        return map(Math::cos);
    }

    @Override
    public Result visit(Op.Sin op) {
        return map(Math::sin);
    }

    @Override
    public Result visit(Op.Softplus op) {
        return map(x -> Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x))));
    }

    @Override
    public Result visit(Op.SelectLast op) {
        int[] s = shape(0);
        int b = s[0];
        int t = s[1];
        int h = s[2];
        float[] x = f(0);
        float[] y = new float[b * h];
        for (int i = 0; i < b; i++) {
            System.arraycopy(x, (i * t + t - 1) * h, y, i * h, h);
        }
        return new Result(y, new int[] {b, h});
    }

    @Override
    public Result visit(Op.SliceLastAxis op) {
        int d = last(shape(0));
        int w = op.end() - op.start();
        float[] x = f(0);
        int rows = x.length / d;
        float[] y = new float[rows * w];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(x, r * d + op.start(), y, r * w, w);
        }
        return new Result(y, withLast(shape(0), w));
    }

    @Override
    public Result visit(Op.CausalSelfAttention op) {
        if (op.dropout() > 0) {
            throw trainingOnly(op);
        }
        int[] s = shape(0);
        float[] y = Attention.forward(f(0), s[0], s[1], s[2], op.heads(), op.newestOnly(), f(1), f(2), f(3), f(4),
                f(5));
        return new Result(y, op.newestOnly() ? new int[] {s[0], s[2]} : s);
    }

    /**
     * Dropout is random and exists only in training graphs, which the engines run; the interpreter is the oracle of
     * the towers and of the loss without dropout, so it refuses rather than compute a loss no backend would.
     */
    @Override
    public Result visit(Op.Dropout op) {
        throw trainingOnly(op);
    }

    private static IllegalArgumentException trainingOnly(Op op) {
        return new IllegalArgumentException(op + " is training-only (dropout); the interpreter runs the towers and "
                + "the loss of a spec without dropout, the djl and tf backends train with it");
    }

    @Override
    public Result visit(Op.L2Normalize op) {
        float[] x = f(0);
        int d = last(shape(0));
        float[] y = new float[x.length];
        for (int r = 0; r * d < x.length; r++) {
            double norm = Math.sqrt(dot(x, r * d, x, r * d, d));
            double inv = 1 / Math.max(norm, op.epsilon());
            for (int i = 0; i < d; i++) {
                y[r * d + i] = (float) (x[r * d + i] * inv);
            }
        }
        return new Result(y, shape(0));
    }

    @Override
    public Result visit(Op.MatMulTransposed op) {
        int p = shape(0)[0];
        int d = shape(0)[1];
        int n = shape(1)[0];
        float[] a = f(0);
        float[] b = f(1);
        float[] y = new float[p * n];
        for (int i = 0; i < p; i++) {
            for (int j = 0; j < n; j++) {
                y[i * n + j] = (float) dot(a, i * d, b, j * d, d);
            }
        }
        return new Result(y, new int[] {p, n});
    }

    @Override
    public Result visit(Op.MaskedFill op) {
        float[] x = f(0);
        float[] mask = f(1);
        float fill = (float) op.value();
        float[] y = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = mask[i] == 0f ? fill : x[i];
        }
        return new Result(y, shape(0));
    }

    @Override
    public Result visit(Op.LogSumExp op) {
        float[] x = f(0);
        int c = last(shape(0));
        int rows = Arrays.stream(shape(0), 0, shape(0).length - 1).reduce(1, (a, b) -> a * b);
        float[] y = new float[rows];
        for (int r = 0; r < rows; r++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < c; i++) {
                max = Math.max(max, x[r * c + i]);
            }
            double sum = 0;
            for (int i = 0; i < c; i++) {
                sum += Math.exp(x[r * c + i] - max);
            }
            y[r] = (float) (max + Math.log(sum));
        }
        return new Result(y, Arrays.copyOf(shape(0), shape(0).length - 1));
    }

    @Override
    public Result visit(Op.Diagonal op) {
        int p = shape(0)[0];
        float[] x = f(0);
        float[] y = new float[p];
        for (int i = 0; i < p; i++) {
            y[i] = x[i * p + i];
        }
        return new Result(y, new int[] {p});
    }

    @Override
    public Result visit(Op.WeightedSum op) {
        return new Result(new float[] {(float) dot(f(0), 0, f(1), 0, f(0).length)}, new int[0]);
    }
}
