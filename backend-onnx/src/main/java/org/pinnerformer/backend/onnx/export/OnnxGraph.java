package org.pinnerformer.backend.onnx.export;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.pinnerformer.spi.graph.Dim;

/**
 * An ONNX graph under construction, serialised to a {@code ModelProto} with {@link ProtoWriter}: nodes,
 * constants, float initializers (raw little-endian data), inputs and outputs whose symbolic dimensions become
 * {@code dim_param}s. Field numbers are those of {@code onnx.proto} (IR version 8, default domain, opset 17).
 */
final class OnnxGraph {
    /** ONNX {@code TensorProto.DataType} FLOAT. */
    static final int FLOAT = 1;
    /** ONNX {@code TensorProto.DataType} INT32. */
    static final int INT32 = 6;
    /** ONNX {@code TensorProto.DataType} INT64. */
    static final int INT64 = 7;
    /** The opset the lowering targets. */
    static final int OPSET = 17;
    /** The IR version that goes with opset 17. */
    static final int IR_VERSION = 8;

    private static final int ATTR_FLOAT = 1;
    private static final int ATTR_INT = 2;
    private static final int ATTR_TENSOR = 4;
    private static final int ATTR_INTS = 7;

    private final List<ProtoWriter> nodes = new ArrayList<>();
    private final List<ProtoWriter> initializers = new ArrayList<>();
    private final List<ProtoWriter> inputs = new ArrayList<>();
    private final List<ProtoWriter> outputs = new ArrayList<>();
    private int counter;

    /** An int attribute. */
    static ProtoWriter attr(String name, long value) {
        return new ProtoWriter().string(1, name).varint(3, value).varint(20, ATTR_INT);
    }

    /** A float attribute. */
    static ProtoWriter attr(String name, float value) {
        return new ProtoWriter().string(1, name).float32(2, value).varint(20, ATTR_FLOAT);
    }

    /** An ints attribute. */
    static ProtoWriter attrInts(String name, long... values) {
        ProtoWriter w = new ProtoWriter().string(1, name);
        for (long v : values) {
            w.varint(8, v);
        }
        return w.varint(20, ATTR_INTS);
    }

    /** A fresh tensor name. */
    String fresh(String hint) {
        return hint + "_" + counter++;
    }

    /** Appends a node with one new output and returns the output's name. */
    String node(String opType, List<String> in, ProtoWriter... attributes) {
        String out = fresh(opType);
        node(opType, in, out, attributes);
        return out;
    }

    /** Appends a node that defines {@code output}. */
    void node(String opType, List<String> in, String output, ProtoWriter... attributes) {
        ProtoWriter n = new ProtoWriter();
        for (String s : in) {
            n.string(1, s);
        }
        n.string(2, output).string(3, output).string(4, opType);
        for (ProtoWriter a : attributes) {
            n.message(5, a);
        }
        nodes.add(n);
    }

    /** A float constant of the given shape (no dims: a scalar). */
    String constant(float[] values, long... dims) {
        ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(values);
        return constantTensor(tensor("", FLOAT, dims, b.array()));
    }

    /** A float scalar constant. */
    String scalar(double value) {
        return constant(new float[] {(float) value});
    }

    /** An int64 constant of the given shape (no dims: a scalar). */
    String constantLongs(long[] values, long... dims) {
        ByteBuffer b = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        b.asLongBuffer().put(values);
        return constantTensor(tensor("", INT64, dims, b.array()));
    }

    /** A one-dimensional int64 constant. */
    String longs(long... values) {
        return constantLongs(values, values.length);
    }

    private String constantTensor(ProtoWriter tensor) {
        ProtoWriter attribute = new ProtoWriter().string(1, "value").message(5, tensor).varint(20, ATTR_TENSOR);
        return node("Constant", List.of(), attribute);
    }

    private static ProtoWriter tensor(String name, int dataType, long[] dims, byte[] raw) {
        ProtoWriter t = new ProtoWriter();
        for (long d : dims) {
            t.varint(1, d);
        }
        t.varint(2, dataType);
        if (!name.isEmpty()) {
            t.string(8, name);
        }
        return t.bytes(9, raw);
    }

    /** Adds a float32 initializer (a weight), little-endian raw data. */
    void initializer(String name, int[] shape, float[] values) {
        ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(values);
        long[] dims = new long[shape.length];
        for (int i = 0; i < shape.length; i++) {
            dims[i] = shape[i];
        }
        initializers.add(tensor(name, FLOAT, dims, b.array()));
    }

    /** Declares a graph input. */
    void input(String name, int elemType, List<Dim> dims) {
        inputs.add(valueInfo(name, elemType, dims));
    }

    /** Declares a graph output. */
    void output(String name, int elemType, List<Dim> dims) {
        outputs.add(valueInfo(name, elemType, dims));
    }

    private static ProtoWriter valueInfo(String name, int elemType, List<Dim> dims) {
        ProtoWriter shape = new ProtoWriter();
        for (Dim d : dims) {
            ProtoWriter dim = new ProtoWriter();
            if (d.isFixed()) {
                dim.varint(1, d.size());
            } else {
                dim.string(2, d.symbol());
            }
            shape.message(1, dim);
        }
        ProtoWriter tensorType = new ProtoWriter().varint(1, elemType).message(2, shape);
        ProtoWriter type = new ProtoWriter().message(1, tensorType);
        return new ProtoWriter().string(1, name).message(2, type);
    }

    /** The serialised {@code ModelProto}. */
    byte[] toModel(String graphName, String docString) {
        ProtoWriter graph = new ProtoWriter();
        for (ProtoWriter n : nodes) {
            graph.message(1, n);
        }
        graph.string(2, graphName);
        for (ProtoWriter t : initializers) {
            graph.message(5, t);
        }
        graph.string(10, docString);
        for (ProtoWriter i : inputs) {
            graph.message(11, i);
        }
        for (ProtoWriter o : outputs) {
            graph.message(12, o);
        }
        ProtoWriter opset = new ProtoWriter().string(1, "").varint(2, OPSET);
        return new ProtoWriter().varint(1, IR_VERSION).string(2, "pinnerformer").string(3,
                org.pinnerformer.api.Version.VERSION).message(7, graph).message(8, opset).toByteArray();
    }
}
