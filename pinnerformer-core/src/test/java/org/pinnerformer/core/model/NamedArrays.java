package org.pinnerformer.core.model;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.pinnerformer.api.FloatTensor;
import org.pinnerformer.spi.graph.DType;
import org.pinnerformer.model.ModelInput;

/**
 * Named float32 / int32 arrays written as one safetensors file (dtypes {@code F32} and {@code I32}, little-endian,
 * row-major, tensors in name order), for hand-run cross-checks with other tools. The api's checkpoint writer only
 * writes float32 parameters with checkpoint metadata, so graph inputs (which include int32 indices) go through
 * this small writer. Test sources only: the library never writes these files.
 */
final class NamedArrays {
    private final Map<String, ModelInput> arrays = new LinkedHashMap<>();

    /** Adds one graph input under its own name. */
    NamedArrays add(ModelInput input) {
        Objects.requireNonNull(input, "input");
        if (arrays.putIfAbsent(input.name(), input) != null) {
            throw new IllegalArgumentException("array '" + input.name() + "' was already added");
        }
        return this;
    }

    /** Adds every input of a list. */
    NamedArrays addAll(Iterable<ModelInput> inputs) {
        for (ModelInput in : inputs) {
            add(in);
        }
        return this;
    }

    /** Adds a float tensor (for example a graph output) under a name. */
    NamedArrays add(String name, FloatTensor tensor) {
        Objects.requireNonNull(tensor, "tensor");
        return add(new ModelInput(name, DType.FLOAT32, tensor.shape(), tensor.data()));
    }

    /** Writes the arrays to {@code file}, replacing it. */
    void write(Path file) throws IOException {
        Map<String, ModelInput> sorted = new TreeMap<>(arrays);
        StringBuilder json = new StringBuilder("{\"__metadata__\":{\"format\":\"pinnerformer-named-arrays/1\"}");
        long offset = 0;
        for (ModelInput in : sorted.values()) {
            long bytes = 4L * count(in.shape());
            json.append(",\"").append(escape(in.name())).append("\":{\"dtype\":\"")
                    .append(in.dtype() == DType.FLOAT32 ? "F32" : "I32").append("\",\"shape\":[");
            int[] shape = in.shape();
            for (int i = 0; i < shape.length; i++) {
                json.append(i == 0 ? "" : ",").append(shape[i]);
            }
            json.append("],\"data_offsets\":[").append(offset).append(',').append(offset + bytes).append("]}");
            offset += bytes;
        }
        json.append('}');
        while (json.length() % 8 != 0) {
            json.append(' ');
        }
        byte[] header = json.toString().getBytes(StandardCharsets.UTF_8);
        try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(header.length).array());
            out.write(header);
            for (ModelInput in : sorted.values()) {
                ByteBuffer b = ByteBuffer.allocate(4 * count(in.shape())).order(ByteOrder.LITTLE_ENDIAN);
                if (in.dtype() == DType.FLOAT32) {
                    b.asFloatBuffer().put(((FloatBuffer) in.data()).duplicate());
                } else {
                    b.asIntBuffer().put(((IntBuffer) in.data()).duplicate());
                }
                out.write(b.array());
            }
        }
    }

    private static int count(int[] shape) {
        long n = 1;
        for (int d : shape) {
            n *= d;
        }
        if (4 * n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("an array of " + n + " values is too large for this writer");
        }
        return (int) n;
    }

    private static String escape(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20) {
                b.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
