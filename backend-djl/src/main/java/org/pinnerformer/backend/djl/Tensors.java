package org.pinnerformer.backend.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.pinnerformer.api.Checkpoint;
import org.pinnerformer.api.FloatTensor;

/** Copies between project tensors and libtorch arrays. */
final class Tensors {
    private Tensors() {
    }

    /** Every checkpoint tensor as an array on {@code manager}'s device, in name order. */
    static Map<String, NDArray> toArrays(NDManager manager, Checkpoint checkpoint, boolean requiresGradient) {
        Map<String, NDArray> out = new LinkedHashMap<>();
        for (Map.Entry<String, FloatTensor> e : checkpoint.tensors().entrySet()) {
            NDArray a = floats(manager, e.getValue().data(), shape(e.getValue().shape()));
            a.setName(e.getKey());
            if (requiresGradient) {
                a.setRequiresGradient(true);
            }
            out.put(e.getKey(), a);
        }
        return out;
    }

    /** Copies of the arrays, by name. */
    static Map<String, FloatTensor> toTensors(Map<String, NDArray> arrays) {
        Map<String, FloatTensor> tensors = new TreeMap<>();
        for (Map.Entry<String, NDArray> e : arrays.entrySet()) {
            long[] s = e.getValue().getShape().getShape();
            int[] shape = new int[s.length];
            for (int i = 0; i < s.length; i++) {
                shape[i] = Math.toIntExact(s[i]);
            }
            tensors.put(e.getKey(), new FloatTensor(shape, e.getValue().toFloatArray()));
        }
        return tensors;
    }

    static Shape shape(int... dims) {
        return new Shape(Arrays.stream(dims).asLongStream().toArray());
    }

    static Shape shape(long... dims) {
        return new Shape(dims);
    }

    /** A float32 array holding a copy of {@code data}'s remaining values. */
    static NDArray floats(NDManager manager, FloatBuffer data, Shape shape) {
        ByteBuffer bytes = ByteBuffer.allocateDirect(data.remaining() * Float.BYTES).order(ByteOrder.nativeOrder());
        bytes.asFloatBuffer().put(data.duplicate());
        return manager.create(bytes, shape, DataType.FLOAT32);
    }

    /** An int64 array (libtorch's index type) holding {@code data}'s remaining values. */
    static NDArray longs(NDManager manager, IntBuffer data, Shape shape) {
        IntBuffer d = data.duplicate();
        long[] out = new long[d.remaining()];
        for (int i = 0; i < out.length; i++) {
            out[i] = d.get();
        }
        return manager.create(out, shape);
    }
}
