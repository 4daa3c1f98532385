package org.pinnerformer.spi.graph;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Builds a {@link Graph}, checking every op's operand shapes as it is added: a mismatch fails at once with an
 * {@link IllegalArgumentException} whose sentence names the op and the shapes. Not thread-safe.
 *
 * <pre>{@code
 * GraphBuilder g = new GraphBuilder();
 * Value x = g.data("x", DType.FLOAT32, Shape.of("B", 8));
 * Value y = g.linear(x, g.parameter("proj.weight", 4, 8), g.parameter("proj.bias", 4));
 * g.output("y", y);
 * Graph graph = g.build();
 * }</pre>
 */
public final class GraphBuilder {
    private final List<GraphInput> inputs = new ArrayList<>();
    private final Map<String, GraphInput> inputsByName = new LinkedHashMap<>();
    private final List<Node> nodes = new ArrayList<>();
    private final Map<String, Value> outputs = new LinkedHashMap<>();
    private int nextId;
    private boolean built;

    /** An empty builder. */
    public GraphBuilder() {
    }

    /**
     * Declares a per-call data input.
     *
     * @throws IllegalArgumentException if the name is taken
     */
    public Value data(String name, DType dtype, Shape shape) {
        return declare(name, GraphInput.Kind.DATA, new TensorType(dtype, shape));
    }

    /**
     * Declares a float32 parameter with a fixed shape, or returns the one already declared under that name (so
     * two uses of a tower share their weights).
     *
     * @throws IllegalArgumentException if the name is taken by data or by a parameter of another shape
     */
    public Value parameter(String name, int... shape) {
        Object[] dims = Arrays.stream(shape).boxed().toArray();
        TensorType type = TensorType.f32(Shape.of(dims));
        GraphInput existing = inputsByName.get(name);
        if (existing != null && existing.kind() == GraphInput.Kind.PARAMETER && existing.type().equals(type)) {
            return existing.value();
        }
        return declare(name, GraphInput.Kind.PARAMETER, type);
    }

    private Value declare(String name, GraphInput.Kind kind, TensorType type) {
        checkOpen();
        Objects.requireNonNull(name, "name");
        GraphInput existing = inputsByName.get(name);
        if (existing != null) {
            throw new IllegalArgumentException("input name '" + name + "' is already declared as "
                    + existing.kind() + " " + existing.type() + ", cannot declare it as " + kind + " " + type);
        }
        GraphInput in = new GraphInput(name, kind, new Value(nextId++, type));
        inputs.add(in);
        inputsByName.put(name, in);
        return in.value();
    }

    /**
     * Appends a node.
     *
     * @throws IllegalArgumentException if an operand is not a value of this builder or the shapes do not fit
     */
    public Value add(Op op, Value... operands) {
        checkOpen();
        Objects.requireNonNull(op, "op");
        List<TensorType> types = new ArrayList<>(operands.length);
        for (Value v : operands) {
            Objects.requireNonNull(v, "operand");
            if (v.id() >= nextId) {
                throw new IllegalArgumentException(op.name() + " was given operand " + v
                        + ", which is not a value of this graph");
            }
            types.add(v.type());
        }
        TensorType out = ShapeRules.resultType(op, types);
        Value result = new Value(nextId++, out);
        nodes.add(new Node(op, List.of(operands), result));
        return result;
    }

    /** {@link Op.Linear}: {@code x W^T + b}. */
    public Value linear(Value x, Value w, Value b) {
        return add(new Op.Linear(), x, w, b);
    }

    /** {@link Op.LayerNorm} over the last axis. */
    public Value layerNorm(Value x, Value gamma, Value beta, double epsilon) {
        return add(new Op.LayerNorm(epsilon), x, gamma, beta);
    }

    /** {@link Op.Gelu}. */
    public Value gelu(Value x) {
        return add(new Op.Gelu(), x);
    }

    /** {@link Op.Gather}: rows of {@code x} at {@code idx}. */
    public Value gather(Value x, Value idx) {
        return add(new Op.Gather(), x, idx);
    }

    /** {@link Op.Reshape}. */
    public Value reshape(Value x, Shape shape) {
        return add(new Op.Reshape(shape), x);
    }

    /** {@link Op.Concat} along the last axis. */
    public Value concat(Value... xs) {
        return add(new Op.Concat(), xs);
    }

    /** {@link Op.Add}. */
    public Value add(Value a, Value b) {
        return add(new Op.Add(), a, b);
    }

    /** {@link Op.Sub}. */
    public Value sub(Value a, Value b) {
        return add(new Op.Sub(), a, b);
    }

    /** {@link Op.Mul}. */
    public Value mul(Value a, Value b) {
        return add(new Op.Mul(), a, b);
    }

    /** {@link Op.Div}. */
    public Value div(Value a, Value b) {
        return add(new Op.Div(), a, b);
    }

    /** {@link Op.ScaleShift}: {@code scale * x + shift}. */
    public Value scaleShift(Value x, double scale, double shift) {
        return add(new Op.ScaleShift(scale, shift), x);
    }

    /** {@link Op.Cos}. */
    public Value cos(Value x) {
        return add(new Op.Cos(), x);
    }

    /** {@link Op.Sin}. */
    public Value sin(Value x) {
        return add(new Op.Sin(), x);
    }

    /** {@link Op.Softplus}. */
    public Value softplus(Value x) {
        return add(new Op.Softplus(), x);
    }

    /** {@link Op.SelectLast}. */
    public Value selectLast(Value x) {
        return add(new Op.SelectLast(), x);
    }

    /** {@link Op.SliceLastAxis}. */
    public Value sliceLastAxis(Value x, int start, int end) {
        return add(new Op.SliceLastAxis(start, end), x);
    }

    /** {@link Op.CausalSelfAttention}. */
    public Value causalSelfAttention(Value x, Value inProjWeight, Value inProjBias, Value outProjWeight,
            Value outProjBias, Value valid, int heads, boolean newestOnly) {
        return add(new Op.CausalSelfAttention(heads, newestOnly), x, inProjWeight, inProjBias, outProjWeight,
                outProjBias, valid);
    }

    /**
     * {@link Op.CausalSelfAttention} with dropout of the attention probabilities (training graphs only).
     *
     * @param seed the int32 scalar step seed of {@link Op.Dropout}
     */
    public Value causalSelfAttention(Value x, Value inProjWeight, Value inProjBias, Value outProjWeight,
            Value outProjBias, Value valid, int heads, boolean newestOnly, double dropout, Value seed) {
        if (dropout == 0) {
            return causalSelfAttention(x, inProjWeight, inProjBias, outProjWeight, outProjBias, valid, heads,
                    newestOnly);
        }
        return add(new Op.CausalSelfAttention(heads, newestOnly, dropout), x, inProjWeight, inProjBias,
                outProjWeight, outProjBias, valid, seed);
    }

    /** {@link Op.Dropout} (training graphs only); rate 0 adds no node and returns {@code x}. */
    public Value dropout(Value x, double rate, Value seed) {
        if (rate == 0) {
            return x;
        }
        return add(new Op.Dropout(rate), x, seed);
    }

    /** {@link Op.L2Normalize}. */
    public Value l2Normalize(Value x, double epsilon) {
        return add(new Op.L2Normalize(epsilon), x);
    }

    /** {@link Op.MatMulTransposed}: {@code a b^T}. */
    public Value matMulTransposed(Value a, Value b) {
        return add(new Op.MatMulTransposed(), a, b);
    }

    /** {@link Op.MaskedFill}. */
    public Value maskedFill(Value x, Value mask, double value) {
        return add(new Op.MaskedFill(value), x, mask);
    }

    /** {@link Op.LogSumExp} of the last axis. */
    public Value logSumExp(Value x) {
        return add(new Op.LogSumExp(), x);
    }

    /** {@link Op.Diagonal}. */
    public Value diagonal(Value x) {
        return add(new Op.Diagonal(), x);
    }

    /** {@link Op.WeightedSum}. */
    public Value weightedSum(Value x, Value w) {
        return add(new Op.WeightedSum(), x, w);
    }

    /**
     * Names a value as an output.
     *
     * @throws IllegalArgumentException if the name is taken or the value is not of this builder
     */
    public GraphBuilder output(String name, Value value) {
        checkOpen();
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        if (value.id() >= nextId) {
            throw new IllegalArgumentException("output '" + name + "' is not a value of this graph: " + value);
        }
        if (outputs.putIfAbsent(name, value) != null) {
            throw new IllegalArgumentException("output name '" + name + "' is already used");
        }
        return this;
    }

    /**
     * The graph; the builder cannot be used afterwards.
     *
     * @throws IllegalStateException if no output was named
     */
    public Graph build() {
        checkOpen();
        if (outputs.isEmpty()) {
            throw new IllegalStateException("a graph needs at least one output");
        }
        built = true;
        return new Graph(inputs, nodes, outputs, nextId);
    }

    private void checkOpen() {
        if (built) {
            throw new IllegalStateException("this builder has already built its graph");
        }
    }
}
