package org.pinnerformer.backend.onnx.export;

import static org.pinnerformer.backend.onnx.export.OnnxGraph.attr;
import static org.pinnerformer.backend.onnx.export.OnnxGraph.attrInts;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.pinnerformer.api.FloatTensor;
import org.pinnerformer.spi.graph.DType;
import org.pinnerformer.spi.graph.Dim;
import org.pinnerformer.spi.graph.Graph;
import org.pinnerformer.spi.graph.GraphInput;
import org.pinnerformer.spi.graph.Node;
import org.pinnerformer.spi.graph.Op;
import org.pinnerformer.spi.graph.OpVisitor;
import org.pinnerformer.spi.graph.Shape;
import org.pinnerformer.spi.graph.Value;

/**
 * Lowers a {@link Graph} to ONNX (opset 17): one ONNX construction per op, each following the formula documented
 * on the op. Data inputs keep their names, element types (int32 stays int32: ONNX Gather takes int32 indices) and
 * symbolic dimensions ({@code dim_param}); parameters become float initializers named by their checkpoint tensor
 * names; each named output is an {@code Identity} of its value, so the ONNX output names are the graph's.
 */
public final class OnnxLowering implements OpVisitor<String> {
    private final OnnxGraph g = new OnnxGraph();
    private final String[] names;
    private Node node;

    private OnnxLowering(Graph graph) {
        this.names = new String[graph.valueCount()];
    }

    /**
     * The serialised ONNX model of a graph.
     *
     * @param graph the graph
     * @param parameters a tensor for every parameter of the graph, by name
     * @param graphName the ONNX graph name
     * @return the bytes of a {@code ModelProto}
     * @throws IllegalArgumentException naming the tensor when a parameter is missing or has another shape
     */
    public static byte[] toOnnx(Graph graph, Map<String, FloatTensor> parameters, String graphName) {
        Objects.requireNonNull(graph, "graph");
        Objects.requireNonNull(parameters, "parameters");
        Objects.requireNonNull(graphName, "graphName");
        OnnxLowering l = new OnnxLowering(graph);
        for (GraphInput in : graph.inputs()) {
            l.names[in.value().id()] = in.name();
            if (in.kind() == GraphInput.Kind.PARAMETER) {
                FloatTensor t = parameters.get(in.name());
                int[] shape = in.type().shape().dims().stream().mapToInt(Dim::size).toArray();
                if (t == null) {
                    throw new IllegalArgumentException("parameter '" + in.name() + "' " + in.type() + " is missing");
                }
                if (!t.hasShape(shape)) {
                    throw new IllegalArgumentException("parameter '" + in.name() + "' must have shape "
                            + java.util.Arrays.toString(shape) + ", has " + java.util.Arrays.toString(t.shape()));
                }
                l.g.initializer(in.name(), shape, t.toArray());
            } else {
                l.g.input(in.name(), in.type().dtype() == DType.INT32 ? OnnxGraph.INT32 : OnnxGraph.FLOAT,
                        in.type().shape().dims());
            }
        }
        for (Node n : graph.nodes()) {
            l.node = n;
            l.names[n.output().id()] = n.op().accept(l);
        }
        graph.outputs().forEach((name, v) -> {
            l.g.node("Identity", List.of(l.names[v.id()]), name);
            l.g.output(name, OnnxGraph.FLOAT, v.shape().dims());
        });
        return l.g.toModel(graphName, "PinnerFormer graph '" + graphName + "', lowered by pinnerformer-backend-onnx");
    }

    private String in(int i) {
        return names[node.input(i).id()];
    }

    private String op(String type, String... inputs) {
        return g.node(type, List.of(inputs));
    }

    @Override
    public String visit(Op.Linear o) {
        return op("Add", op("MatMul", in(0), op("Transpose", in(1))), in(2));
    }

    @Override
    public String visit(Op.LayerNorm o) {
        return g.node("LayerNormalization", List.of(in(0), in(1), in(2)), attr("axis", -1L),
                attr("epsilon", (float) o.epsilon()));
    }

    @Override
    public String visit(Op.Gelu o) {
        String x = in(0);
        String erf = op("Erf", op("Div", x, g.scalar(Math.sqrt(2))));
        return op("Mul", op("Mul", x, op("Add", erf, g.scalar(1))), g.scalar(0.5));
    }

    @Override
    public String visit(Op.Gather o) {
        Shape x = node.input(0).shape();
        String table = x.rank() == 2 ? in(0) : op("Reshape", in(0), g.longs(-1, x.last().size()));
        return g.node("Gather", List.of(table, in(1)), attr("axis", 0L));
    }

    @Override
    public String visit(Op.Reshape o) {
        Shape x = node.input(0).shape();
        List<Integer> symbolicAt = new ArrayList<>();
        for (int i = 0; i < x.rank(); i++) {
            if (!x.dim(i).isFixed()) {
                symbolicAt.add(i);
            }
        }
        List<String> pieces = new ArrayList<>();
        String runtimeShape = symbolicAt.isEmpty() ? null : op("Shape", in(0));
        int next = 0;
        for (Dim d : o.shape().dims()) {
            pieces.add(d.isFixed() ? g.longs(d.size())
                    : g.node("Gather", List.of(runtimeShape, g.longs(symbolicAt.get(next++))), attr("axis", 0L)));
        }
        String target = pieces.isEmpty() ? g.constantLongs(new long[0], 0)
                : pieces.size() == 1 ? pieces.get(0) : g.node("Concat", pieces, attr("axis", 0L));
        return g.node("Reshape", List.of(in(0), target), attr("allowzero", 1L));
    }

    @Override
    public String visit(Op.Concat o) {
        List<String> parts = new ArrayList<>();
        for (Value v : node.inputs()) {
            parts.add(names[v.id()]);
        }
        return g.node("Concat", parts, attr("axis", -1L));
    }

    @Override
    public String visit(Op.Add o) {
        return op("Add", in(0), in(1));
    }

    @Override
    public String visit(Op.Sub o) {
        return op("Sub", in(0), in(1));
    }

    @Override
    public String visit(Op.Mul o) {
        return op("Mul", in(0), in(1));
    }

    @Override
    public String visit(Op.Div o) {
        return op("Div", in(0), in(1));
    }

    @Override
    public String visit(Op.ScaleShift o) {
        return op("Add", op("Mul", in(0), g.scalar(o.scale())), g.scalar(o.shift()));
    }

    @Override
    public String visit(Op.Cos o) {
        return op("Cos", in(0));
    }

    @Override
    public String visit(Op.Sin o) {
        return op("Sin", in(0));
    }

    @Override
    public String visit(Op.Softplus o) {
        String x = in(0);
        String log1p = op("Log", op("Add", op("Exp", op("Neg", op("Abs", x))), g.scalar(1)));
        return op("Add", op("Relu", x), log1p);
    }

    @Override
    public String visit(Op.SelectLast o) {
        return g.node("Gather", List.of(in(0), g.constantLongs(new long[] {-1})), attr("axis", 1L));
    }

    @Override
    public String visit(Op.SliceLastAxis o) {
        return op("Slice", in(0), g.longs(o.start()), g.longs(o.end()), g.longs(-1));
    }

    @Override
    public String visit(Op.CausalSelfAttention o) {
        if (o.dropout() > 0) {
            throw trainingOnly(o);
        }
        int h = node.input(0).shape().dim(2).size();
        return new AttentionLowering(g).lower(in(0), in(1), in(2), in(3), in(4), in(5), h, o.heads(),
                o.newestOnly());
    }

    /** Exported graphs are inference graphs (the towers), which never contain dropout. */
    @Override
    public String visit(Op.Dropout o) {
        throw trainingOnly(o);
    }

    private static IllegalArgumentException trainingOnly(Op o) {
        return new IllegalArgumentException(o + " is a training-only op (dropout); ONNX export lowers inference "
                + "graphs, which never contain it");
    }

    @Override
    public String visit(Op.L2Normalize o) {
        String norm = g.node("ReduceL2", List.of(in(0)), attrInts("axes", -1), attr("keepdims", 1L));
        return op("Div", in(0), op("Max", norm, g.scalar(o.epsilon())));
    }

    @Override
    public String visit(Op.MatMulTransposed o) {
        return g.node("Gemm", List.of(in(0), in(1)), attr("transB", 1L));
    }

    @Override
    public String visit(Op.MaskedFill o) {
        return op("Where", op("Equal", in(1), g.scalar(0)), g.scalar(o.value()), in(0));
    }

    @Override
    public String visit(Op.LogSumExp o) {
        String max = g.node("ReduceMax", List.of(in(0)), attrInts("axes", -1), attr("keepdims", 1L));
        String sum = g.node("ReduceSum", List.of(op("Exp", op("Sub", in(0), max)), g.longs(-1)),
                attr("keepdims", 0L));
        return op("Add", op("Squeeze", max, g.longs(-1)), op("Log", sum));
    }

    @Override
    public String visit(Op.Diagonal o) {
        String x = in(0);
        return g.node("ReduceSum", List.of(op("Mul", x, op("EyeLike", x)), g.longs(1)), attr("keepdims", 0L));
    }

    @Override
    public String visit(Op.WeightedSum o) {
        return g.node("ReduceSum", List.of(op("Mul", in(0), in(1))), attr("keepdims", 0L));
    }
}
