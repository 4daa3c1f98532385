package org.pinnerformer.backend.tf;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pinnerformer.api.BackendException;
import org.pinnerformer.spi.graph.DType;
import org.pinnerformer.spi.graph.Dim;
import org.pinnerformer.spi.graph.Graph;
import org.pinnerformer.spi.graph.GraphInput;
import org.pinnerformer.spi.graph.Node;
import org.pinnerformer.spi.graph.Op;
import org.pinnerformer.spi.graph.OpVisitor;
import org.pinnerformer.spi.graph.Shape;
import org.pinnerformer.spi.graph.Value;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.index.Indices;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Max;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Sum;
import org.tensorflow.op.linalg.MatMul;
import org.tensorflow.op.math.Mean;
import org.tensorflow.op.train.BatchMatMul;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Lowers a core model graph to TensorFlow graph operations, once per graph: one or a few TF ops per core
 * {@link Op}, in the graph's topological order, each following the formula its {@link Op} documents. Data inputs
 * become placeholders whose symbolic dimensions stay unknown, so one lowered graph serves every batch size and
 * sequence length; symbolic sizes used by reshapes are read from the inputs' run-time shapes. Parameters are
 * whatever operands the caller gives: constants for the encoders, variables for the trainer.
 *
 * <p>Every op used has a registered TensorFlow gradient (checked when the trainer adds gradients), so the lowered
 * loss graph can be differentiated with {@code Graph.addGradients}; softmax cross-entropy is never used (the core
 * loss is written with {@link Op.LogSumExp}).
 */
final class Lowering implements OpVisitor<Operand<TFloat32>> {
    /** The additive bias of a masked attention score; exp of it underflows to exactly 0 in float32. */
    static final float MASKED_SCORE = -1e9f;

    private final Ops tf;
    private final Map<String, Operand<TInt32>> symbols = new HashMap<>();
    private final Operand<?>[] values;
    private Node node;

    /** A lowered graph: its data placeholders and its outputs, by name. */
    record Lowered(Map<String, Placeholder<?>> inputs, Map<String, Operand<TFloat32>> outputs) {
    }

    private Lowering(Ops tf, int valueCount) {
        this.tf = tf;
        this.values = new Operand<?>[valueCount];
    }

    /**
     * Lowers {@code graph} into {@code tf}'s graph with the given parameter operands (by checkpoint name); data
     * inputs become placeholders named after the inputs.
     */
    static Lowered lower(Ops tf, Graph graph, Map<String, ? extends Operand<TFloat32>> parameters) {
        Lowering l = new Lowering(tf, graph.valueCount());
        Map<String, Placeholder<?>> placeholders = new LinkedHashMap<>();
        for (GraphInput in : graph.inputs()) {
            Operand<?> a;
            if (in.kind() == GraphInput.Kind.PARAMETER) {
                a = parameters.get(in.name());
                if (a == null) {
                    throw new BackendException("graph parameter '" + in.name() + "' (" + in.type()
                            + ") is not in the checkpoint");
                }
            } else {
                Placeholder<?> p = in.type().dtype() == DType.FLOAT32
                        ? tf.withName(in.name()).placeholder(TFloat32.class, Placeholder.shape(staticShape(in)))
                        : tf.withName(in.name()).placeholder(TInt32.class, Placeholder.shape(staticShape(in)));
                placeholders.put(in.name(), p);
                a = p;
            }
            l.bind(in, a);
            l.values[in.value().id()] = a;
        }
        for (Node n : graph.nodes()) {
            l.node = n;
            l.values[n.output().id()] = n.op().accept(l);
        }
        Map<String, Operand<TFloat32>> outputs = new LinkedHashMap<>();
        for (Map.Entry<String, Value> e : graph.outputs().entrySet()) {
            outputs.put(e.getKey(), l.f(e.getValue()));
        }
        return new Lowered(placeholders, outputs);
    }

    private static org.tensorflow.ndarray.Shape staticShape(GraphInput in) {
        Shape s = in.type().shape();
        long[] dims = new long[s.rank()];
        for (int i = 0; i < dims.length; i++) {
            dims[i] = s.dim(i).isFixed() ? s.dim(i).size() : org.tensorflow.ndarray.Shape.UNKNOWN_SIZE;
        }
        return org.tensorflow.ndarray.Shape.of(dims);
    }

    /** Records, for each symbolic dimension first seen on {@code in}, a scalar reading its run-time size. */
    private void bind(GraphInput in, Operand<?> a) {
        Shape declared = in.type().shape();
        Operand<TInt32> shape = null;
        for (int i = 0; i < declared.rank(); i++) {
            Dim d = declared.dim(i);
            if (!d.isFixed() && !symbols.containsKey(d.symbol())) {
                if (shape == null) {
                    shape = tf.shape(a);
                }
                symbols.put(d.symbol(), tf.gather(shape, tf.constant(i), tf.constant(0)));
            }
        }
    }

    @SuppressWarnings("unchecked")
    private Operand<TFloat32> f(Value v) {
        return (Operand<TFloat32>) values[v.id()];
    }

    private Operand<TFloat32> in(int i) {
        return f(node.input(i));
    }

    @SuppressWarnings("unchecked")
    private Operand<TInt32> indices(int i) {
        return (Operand<TInt32>) values[node.input(i).id()];
    }

    /** A 1-D int32 tensor holding {@code shape}'s sizes, symbolic ones read at run time. */
    private Operand<TInt32> dims(Shape shape) {
        if (shape.isFixed()) {
            int[] d = new int[shape.rank()];
            for (int i = 0; i < d.length; i++) {
                d[i] = shape.dim(i).size();
            }
            return tf.constant(d);
        }
        List<Operand<TInt32>> parts = new ArrayList<>(shape.rank());
        for (int i = 0; i < shape.rank(); i++) {
            parts.add(size(shape.dim(i)));
        }
        return tf.stack(parts);
    }

    private Operand<TInt32> size(Dim d) {
        if (d.isFixed()) {
            return tf.constant(d.size());
        }
        Operand<TInt32> s = symbols.get(d.symbol());
        if (s == null) {
            throw new BackendException("dimension " + d + " of op " + node.op().name() + " is not bound by any input");
        }
        return s;
    }

    private Operand<TFloat32> scalar(double value) {
        return tf.constant((float) value);
    }

    /** {@code x W^T + b} on the last axis of an input of any rank, as one 2-D matmul. */
    private Operand<TFloat32> linear(Operand<TFloat32> x, Shape xShape, Operand<TFloat32> w, Shape wShape,
            Operand<TFloat32> b, Shape outShape) {
        int inSize = wShape.dim(1).size();
        Operand<TFloat32> x2 = xShape.rank() == 2 ? x : tf.reshape(x, tf.constant(new int[] {-1, inSize}));
        Operand<TFloat32> y = tf.math.add(tf.linalg.matMul(x2, w, MatMul.transposeB(true)), b);
        return outShape.rank() == 2 ? y : tf.reshape(y, dims(outShape));
    }

    @Override
    public Operand<TFloat32> visit(Op.Linear op) {
        return linear(in(0), node.input(0).shape(), in(1), node.input(1).shape(), in(2), node.output().shape());
    }

    @Override
    public Operand<TFloat32> visit(Op.LayerNorm op) {
        Operand<TFloat32> x = in(0);
        Operand<TInt32> last = tf.constant(-1);
        Operand<TFloat32> centred = tf.math.sub(x, tf.math.mean(x, last, Mean.keepDims(true)));
        Operand<TFloat32> variance = tf.math.mean(tf.math.square(centred), last, Mean.keepDims(true));
        Operand<TFloat32> normed = tf.math.mul(centred, tf.math.rsqrt(tf.math.add(variance,
                scalar(op.epsilon()))));
        return tf.math.add(tf.math.mul(normed, in(1)), in(2));
    }

    @Override
    public Operand<TFloat32> visit(Op.Gelu op) {
        Operand<TFloat32> x = in(0);
        Operand<TFloat32> erf = tf.math.erf(tf.math.mul(x, scalar(1 / Math.sqrt(2))));
        return tf.math.mul(tf.math.mul(x, scalar(0.5)), tf.math.add(erf, scalar(1)));
    }

    @Override
    public Operand<TFloat32> visit(Op.Gather op) {
        Shape xShape = node.input(0).shape();
        Operand<TFloat32> table = xShape.rank() == 2 ? in(0)
                : tf.reshape(in(0), tf.stack(List.of(tf.constant(-1), size(xShape.last()))));
        return tf.gather(table, indices(1), tf.constant(0));
    }

    @Override
    public Operand<TFloat32> visit(Op.Reshape op) {
        return tf.reshape(in(0), dims(op.shape()));
    }

    @Override
    public Operand<TFloat32> visit(Op.Concat op) {
        if (node.inputs().size() == 1) {
            return tf.identity(in(0));
        }
        List<Operand<TFloat32>> parts = new ArrayList<>(node.inputs().size());
        for (int i = 0; i < node.inputs().size(); i++) {
            parts.add(in(i));
        }
        return tf.concat(parts, tf.constant(-1));
    }

    @Override
    public Operand<TFloat32> visit(Op.Add op) {
        return tf.math.add(in(0), in(1));
    }

    @Override
    public Operand<TFloat32> visit(Op.Sub op) {
        return tf.math.sub(in(0), in(1));
    }

    @Override
    public Operand<TFloat32> visit(Op.Mul op) {
        return tf.math.mul(in(0), in(1));
    }

    @Override
    public Operand<TFloat32> visit(Op.Div op) {
        return tf.math.div(in(0), in(1));
    }

    @Override
    public Operand<TFloat32> visit(Op.ScaleShift op) {
        return tf.math.add(tf.math.mul(in(0), scalar(op.scale())), scalar(op.shift()));
    }

    @Override
    public Operand<TFloat32> visit(Op.Cos op) {
        return tf.math.cos(in(0));
    }

    @Override
    public Operand<TFloat32> visit(Op.Sin op) {
        return tf.math.sin(in(0));
    }

    @Override
    public Operand<TFloat32> visit(Op.Softplus op) {
        Operand<TFloat32> x = in(0);
        return tf.math.add(tf.math.maximum(x, scalar(0)), tf.math.log1p(tf.math.exp(tf.math.neg(tf.math.abs(x)))));
    }

    @Override
    public Operand<TFloat32> visit(Op.SelectLast op) {
        return tf.stridedSlice(in(0), Indices.all(), Indices.at(-1), Indices.all());
    }

    @Override
    public Operand<TFloat32> visit(Op.SliceLastAxis op) {
        return tf.stridedSlice(in(0), Indices.ellipsis(), Indices.slice(op.start(), op.end()));
    }

    @Override
    public Operand<TFloat32> visit(Op.CausalSelfAttention op) {
        Operand<TFloat32> x = in(0);
        Shape xShape = node.input(0).shape();
        int h = xShape.dim(2).size();
        int heads = op.heads();
        int dh = h / heads;
        Operand<TInt32> b = size(xShape.dim(0));
        Operand<TInt32> t = size(xShape.dim(1));
        Shape qkvShape = xShape.withLast(Dim.of(3 * h));
        Operand<TFloat32> qkv = linear(x, xShape, in(1), node.input(1).shape(), in(2), qkvShape);
        Operand<TInt32> perm = tf.constant(new int[] {0, 2, 1, 3});
        Operand<TInt32> headsShape = tf.stack(List.of(b, t, tf.constant(heads), tf.constant(dh)));
        Operand<TFloat32> q = tf.stridedSlice(qkv, Indices.ellipsis(), Indices.slice(0, h));
        Operand<TFloat32> k = tf.linalg.transpose(tf.reshape(
                tf.stridedSlice(qkv, Indices.ellipsis(), Indices.slice(h, 2 * h)), headsShape), perm);
        Operand<TFloat32> v = tf.linalg.transpose(tf.reshape(
                tf.stridedSlice(qkv, Indices.ellipsis(), Indices.slice(2 * h, 3 * h)), headsShape), perm);
        Operand<TInt32> queries = op.newestOnly() ? tf.constant(1) : t;
        if (op.newestOnly()) {
            q = tf.stridedSlice(q, Indices.all(), Indices.sliceFrom(-1), Indices.all());
        }
        q = tf.linalg.transpose(tf.reshape(q, tf.stack(List.of(b, queries, tf.constant(heads), tf.constant(dh)))),
                perm);
        // allowed[b, 1, t, u] = (u <= t) * valid[b, u], for the queried positions t
        Operand<TInt32> one = tf.constant(1);
        Operand<TInt32> keyPos = tf.reshape(tf.range(tf.constant(0), t, one), tf.constant(new int[] {1, -1}));
        Operand<TInt32> queryPos = tf.reshape(tf.range(tf.math.sub(t, queries), t, one),
                tf.constant(new int[] {-1, 1}));
        Operand<TFloat32> causal = tf.dtypes.cast(tf.math.lessEqual(keyPos, queryPos), TFloat32.class);
        Operand<TFloat32> allowed = tf.math.mul(
                tf.reshape(causal, tf.stack(List.of(one, one, queries, t))),
                tf.reshape(in(5), tf.stack(List.of(b, one, one, t))));
        Operand<TFloat32> scores = tf.math.mul(
                tf.train.batchMatMul(q, k, TFloat32.class, BatchMatMul.adjY(true)), scalar(1 / Math.sqrt(dh)));
        scores = tf.math.add(scores, tf.math.mul(tf.math.sub(allowed, scalar(1)), scalar(-MASKED_SCORE)));
        Operand<TFloat32> attention = tf.nn.softmax(scores);
        if (op.dropout() > 0) {
            attention = dropout(attention, op.dropout(), indices(6));
        }
        Operand<TFloat32> o = tf.reshape(tf.linalg.transpose(
                tf.train.batchMatMul(attention, v, TFloat32.class), perm),
                tf.stack(List.of(b, queries, tf.constant(h))));
        Shape oShape = op.newestOnly() ? Shape.of(xShape.dim(0), Dim.of(1), Dim.of(h)) : xShape;
        Operand<TFloat32> y = linear(o, oShape, in(3), node.input(3).shape(), in(4), oShape);
        Operand<TFloat32> hasKey = tf.reshape(tf.max(allowed, tf.constant(3)),
                tf.stack(List.of(b, queries, one)));
        y = tf.math.mul(y, hasKey);
        return op.newestOnly() ? tf.reshape(y, tf.stack(List.of(b, tf.constant(h)))) : y;
    }

    @Override
    public Operand<TFloat32> visit(Op.Dropout op) {
        return op.rate() == 0 ? tf.identity(in(0)) : dropout(in(0), op.rate(), indices(1));
    }

    /**
     * {@code x * m / (1 - rate)}, {@code m = uniform >= rate}, with a stateless generator keyed by
     * {@code [step seed, this node]}: the same step seed gives the same mask, and the lowered graph holds no
     * random state. The mask is cut from the gradient (it depends on the seed only).
     */
    private Operand<TFloat32> dropout(Operand<TFloat32> x, double rate, Operand<TInt32> seed) {
        Operand<TInt32> key = tf.stack(List.of(seed, tf.constant(node.output().id())));
        Operand<TFloat32> uniform = tf.random.statelessRandomUniform(tf.shape(x), key);
        Operand<TFloat32> keep = tf.stopGradient(tf.math.mul(
                tf.dtypes.cast(tf.math.greaterEqual(uniform, scalar(rate)), TFloat32.class), scalar(1 / (1 - rate))));
        return tf.math.mul(x, keep);
    }

    @Override
    public Operand<TFloat32> visit(Op.L2Normalize op) {
        Operand<TFloat32> x = in(0);
        Operand<TFloat32> norm = tf.math.sqrt(tf.sum(tf.math.square(x), tf.constant(-1), Sum.keepDims(true)));
        return tf.math.div(x, tf.math.maximum(norm, scalar(op.epsilon())));
    }

    @Override
    public Operand<TFloat32> visit(Op.MatMulTransposed op) {
        return tf.linalg.matMul(in(0), in(1), MatMul.transposeB(true));
    }

    @Override
    public Operand<TFloat32> visit(Op.MaskedFill op) {
        Operand<TFloat32> mask = in(1);
        return tf.math.add(tf.math.mul(in(0), mask),
                tf.math.mul(tf.math.sub(mask, scalar(1)), scalar(-op.value())));
    }

    @Override
    public Operand<TFloat32> visit(Op.LogSumExp op) {
        Operand<TFloat32> x = in(0);
        Operand<TInt32> last = tf.constant(-1);
        Operand<TFloat32> m = tf.stopGradient(tf.max(x, last, Max.keepDims(true)));
        Operand<TFloat32> sum = tf.sum(tf.math.exp(tf.math.sub(x, m)), last);
        return tf.math.add(tf.math.log(sum), tf.squeeze(m, org.tensorflow.op.core.Squeeze.axis(List.of(-1L))));
    }

    @Override
    public Operand<TFloat32> visit(Op.Diagonal op) {
        return tf.linalg.tensorDiagPart(in(0));
    }

    @Override
    public Operand<TFloat32> visit(Op.WeightedSum op) {
        return tf.sum(tf.math.mul(in(0), in(1)), tf.constant(0));
    }
}
