package org.pinnerformer.backend.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Embedding;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pinnerformer.api.BackendException;
import org.pinnerformer.model.ModelInput;
import org.pinnerformer.spi.graph.DType;
import org.pinnerformer.spi.graph.Dim;
import org.pinnerformer.spi.graph.Graph;
import org.pinnerformer.spi.graph.GraphInput;
import org.pinnerformer.spi.graph.Node;
import org.pinnerformer.spi.graph.Op;
import org.pinnerformer.spi.graph.OpVisitor;
import org.pinnerformer.spi.graph.Value;

/**
 * Lowers a core model graph to DJL {@code NDArray} operations on libtorch and runs it: one call per op, in the
 * graph's topological order, each following the formula its {@link Op} documents. Run under a
 * {@link ai.djl.training.GradientCollector} the result carries libtorch's autograd graph, which is how the trainer
 * differentiates the loss graph.
 *
 * <p>Every intermediate array is attached to the {@code scope} manager given to {@link #run}, so closing the scope
 * frees a whole forward pass.
 */
final class Lowering implements OpVisitor<NDArray> {
    /** The additive bias of a masked attention score; exp of it underflows to exactly 0 in float32. */
    static final float MASKED_SCORE = -1e9f;

    private final NDManager scope;
    private final Map<String, Integer> symbols;
    private final NDArray[] values;
    private Node node;

    private Lowering(NDManager scope, Map<String, Integer> symbols, int valueCount) {
        this.scope = scope;
        this.symbols = symbols;
        this.values = new NDArray[valueCount];
    }

    /** The data inputs as libtorch arrays on {@code scope}'s device: float32, and int32 indices widened to int64. */
    static Map<String, NDArray> inputs(NDManager scope, List<ModelInput> inputs) {
        Map<String, NDArray> out = new LinkedHashMap<>();
        for (ModelInput in : inputs) {
            Shape shape = Tensors.shape(in.shape());
            NDArray a = in.dtype() == DType.FLOAT32
                    ? Tensors.floats(scope, (java.nio.FloatBuffer) in.data(), shape)
                    : Tensors.longs(scope, (java.nio.IntBuffer) in.data(), shape);
            out.put(in.name(), a);
        }
        return out;
    }

    /**
     * Runs {@code graph} on {@code parameters} (by checkpoint name) and {@code data} (by input name).
     *
     * @return every graph output by name, attached to {@code scope}
     */
    static Map<String, NDArray> run(NDManager scope, Graph graph, Map<String, NDArray> parameters,
            Map<String, NDArray> data) {
        Map<String, Integer> symbols = new HashMap<>();
        Lowering l = new Lowering(scope, symbols, graph.valueCount());
        for (GraphInput in : graph.inputs()) {
            NDArray a = in.kind() == GraphInput.Kind.PARAMETER ? parameters.get(in.name()) : data.get(in.name());
            if (a == null) {
                throw new BackendException("graph input '" + in.name() + "' (" + in.kind() + " " + in.type()
                        + ") was not given");
            }
            bind(symbols, in, a.getShape());
            l.values[in.value().id()] = a;
        }
        for (Node n : graph.nodes()) {
            l.node = n;
            NDArray out = n.op().accept(l);
            out.attach(scope);
            l.values[n.output().id()] = out;
        }
        Map<String, NDArray> outputs = new LinkedHashMap<>();
        for (Map.Entry<String, Value> e : graph.outputs().entrySet()) {
            outputs.put(e.getKey(), l.values[e.getValue().id()]);
        }
        return outputs;
    }

    private static void bind(Map<String, Integer> symbols, GraphInput in, Shape actual) {
        var declared = in.type().shape();
        if (declared.rank() != actual.dimension()) {
            throw new BackendException("graph input '" + in.name() + "' must be " + in.type() + ", was " + actual);
        }
        for (int i = 0; i < declared.rank(); i++) {
            Dim d = declared.dim(i);
            int size = Math.toIntExact(actual.get(i));
            Integer want = d.isFixed() ? Integer.valueOf(d.size()) : symbols.putIfAbsent(d.symbol(), size);
            if (want != null && want != size) {
                throw new BackendException("graph input '" + in.name() + "' has shape " + actual + ", but its dimension "
                        + i + " (" + d + ") must be " + want);
            }
        }
    }

    private NDArray in(int i) {
        return values[node.input(i).id()];
    }

    /**
     * A float32 scalar on {@code scope}, alive until the scope closes. DJL's {@code mul(Number)} and the like wrap
     * the number in an array over a Java buffer and close it at once; libtorch's autograd keeps that array for the
     * backward pass (the gradient of {@code x * c} needs {@code c}), and once the garbage collector has freed the
     * buffer the backward pass reads whatever memory took its place: now and then wrong gradients (a missing third of an
     * attention projection's gradient, for one), seen as same-seed runs that differed. So every constant operand
     * here is an array the scope owns.
     */
    private NDArray scalar(double value) {
        return scope.create((float) value);
    }

    @Override
    public NDArray visit(Op.Linear op) {
        return Linear.linear(in(0), in(1), in(2)).singletonOrThrow();
    }

    @Override
    public NDArray visit(Op.LayerNorm op) {
        NDArray x = in(0);
        return LayerNorm.layerNorm(x, new Shape(x.getShape().tail()), in(1), in(2), (float) op.epsilon())
                .singletonOrThrow();
    }

    @Override
    public NDArray visit(Op.Gelu op) {
        return Activation.gelu(in(0));
    }

    @Override
    public NDArray visit(Op.Gather op) {
        NDArray x = in(0);
        NDArray table = x.getShape().dimension() == 2 ? x : x.reshape(-1, x.getShape().tail());
        return Embedding.embedding(in(1), table, SparseFormat.DENSE).singletonOrThrow();
    }

    @Override
    public NDArray visit(Op.Reshape op) {
        NDArray x = in(0);
        var target = op.shape();
        long[] dims = new long[target.rank()];
        for (int i = 0; i < dims.length; i++) {
            Dim d = target.dim(i);
            dims[i] = d.isFixed() ? d.size() : symbol(d);
        }
        return x.reshape(dims);
    }

    private int symbol(Dim d) {
        Integer size = symbols.get(d.symbol());
        if (size == null) {
            throw new BackendException("dimension " + d + " of op " + node.op().name() + " is not bound by any input");
        }
        return size;
    }

    @Override
    public NDArray visit(Op.Concat op) {
        NDList parts = new NDList(node.inputs().size());
        for (int i = 0; i < node.inputs().size(); i++) {
            parts.add(in(i));
        }
        return parts.size() == 1 ? in(0).duplicate() : NDArrays.concat(parts, -1);
    }

    @Override
    public NDArray visit(Op.Add op) {
        return in(0).add(in(1));
    }

    @Override
    public NDArray visit(Op.Sub op) {
        return in(0).sub(in(1));
    }

    @Override
    public NDArray visit(Op.Mul op) {
        return in(0).mul(in(1));
    }

    @Override
    public NDArray visit(Op.Div op) {
        return in(0).div(in(1));
    }

    @Override
    public NDArray visit(Op.ScaleShift op) {
        return in(0).mul(scalar(op.scale())).add(scalar(op.shift()));
    }

    @Override
    public NDArray visit(Op.Cos op) {
        return in(0).cos();
    }

    @Override
    public NDArray visit(Op.Sin op) {
        return in(0).sin();
    }

    @Override
    public NDArray visit(Op.Softplus op) {
        return Activation.softPlus(in(0));
    }

    @Override
    public NDArray visit(Op.SelectLast op) {
        return in(0).get(":, -1, :");
    }

    @Override
    public NDArray visit(Op.SliceLastAxis op) {
        return in(0).get("..., " + op.start() + ":" + op.end());
    }

    @Override
    public NDArray visit(Op.CausalSelfAttention op) {
        NDArray x = in(0);
        NDArray valid = in(5);
        long b = x.getShape().get(0);
        long t = x.getShape().get(1);
        long h = x.getShape().get(2);
        int heads = op.heads();
        long dh = h / heads;
        NDArray qkv = Linear.linear(x, in(1), in(2)).singletonOrThrow();
        List<NDArray> temps = new ArrayList<>();
        // one split rather than three slices: the gradient of a split is a concatenation, while each slice's
        // gradient would zero-fill a buffer the size of qkv
        NDList parts = qkv.split(3, 2);
        NDArray q = parts.get(0);
        NDArray k = parts.get(1).reshape(b, t, heads, dh).transpose(0, 2, 1, 3);
        NDArray v = parts.get(2).reshape(b, t, heads, dh).transpose(0, 2, 1, 3);
        temps.addAll(parts);
        long queries = op.newestOnly() ? 1 : t;
        if (op.newestOnly()) {
            q = q.get(":, -1:, :");
        }
        // scaling q by 1/sqrt(dh) before the product is the same formula on fewer elements than the scores
        q = q.mul(scalar(1 / Math.sqrt(dh))).reshape(b, queries, heads, dh).transpose(0, 2, 1, 3);
        // allowed[b, 1, t, u] = (u <= t) * valid[b, u], for the queried positions t
        NDArray keyPos = scope.arange(0f, (float) t).reshape(1, t);
        NDArray queryPos = scope.arange((float) (t - queries), (float) t).reshape(queries, 1);
        NDArray causal = keyPos.lte(queryPos).toType(DataType.FLOAT32, false);
        NDArray allowed = causal.reshape(1, 1, queries, t).mul(valid.reshape(b, 1, 1, t));
        NDArray scores = q.matMul(k.transpose(0, 1, 3, 2)).add(allowed.sub(scalar(1)).mul(scalar(-MASKED_SCORE)));
        NDArray attention = scores.softmax(-1);
        if (op.dropout() > 0) {
            attention = dropout(attention, op.dropout(), in(6));
        }
        NDArray o = attention.matMul(v).transpose(0, 2, 1, 3).reshape(b, queries, h);
        NDArray y = Linear.linear(o, in(3), in(4)).singletonOrThrow();
        NDArray hasKey = allowed.max(new int[] {3}).reshape(b, queries, 1);
        y = y.mul(hasKey);
        temps.add(qkv);
        for (NDArray a : temps) {
            a.attach(scope);
        }
        return op.newestOnly() ? y.reshape(b, h) : y;
    }

    @Override
    public NDArray visit(Op.Dropout op) {
        return op.rate() == 0 ? in(0).duplicate() : dropout(in(0), op.rate(), in(1));
    }

    /**
     * {@code x * m / (1 - rate)}, {@code m = uniform >= rate}. libtorch has no stateless generator that DJL
     * exposes, so the engine's generator is seeded with {@code (step seed, this node)} right before the draw: the
     * mask is then a function of the step seed and the node only, whatever ran before. The mask is a constant
     * for autograd, so the backward pass reuses it and draws nothing.
     */
    private NDArray dropout(NDArray x, double rate, NDArray seed) {
        long step = seed.toLongArray()[0];
        scope.getEngine().setRandomSeed((int) (31 * step + node.output().id()));
        NDArray uniform = scope.randomUniform(0f, 1f, x.getShape());
        NDArray keep = uniform.gte(scalar(rate)).toType(DataType.FLOAT32, false).mul(scalar(1 / (1 - rate)));
        return x.mul(keep);
    }

    @Override
    public NDArray visit(Op.L2Normalize op) {
        NDArray x = in(0);
        return x.div(x.norm(new int[] {-1}, true).maximum(scalar(op.epsilon())));
    }

    @Override
    public NDArray visit(Op.MatMulTransposed op) {
        return in(0).matMul(in(1).transpose());
    }

    @Override
    public NDArray visit(Op.MaskedFill op) {
        NDArray mask = in(1);
        return in(0).mul(mask).add(mask.sub(scalar(1)).mul(scalar(-op.value())));
    }

    @Override
    public NDArray visit(Op.LogSumExp op) {
        NDArray x = in(0);
        NDArray m = x.max(new int[] {-1}, true).stopGradient();
        return x.sub(m).exp().sum(new int[] {-1}).log().add(m.squeeze(-1));
    }

    @Override
    public NDArray visit(Op.Diagonal op) {
        return in(0).diagonal();
    }

    @Override
    public NDArray visit(Op.WeightedSum op) {
        return in(0).mul(in(1)).sum();
    }
}
