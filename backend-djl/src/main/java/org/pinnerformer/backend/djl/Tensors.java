package org.pinnerformer.backend.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
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

    /** The arrays as a checkpoint of the same spec and vocabularies. */
    static Checkpoint toCheckpoint(Checkpoint template, Map<String, NDArray> arrays) {
        Map<String, FloatTensor> tensors = new TreeMap<>();
        for (Map.Entry<String, NDArray> e : arrays.entrySet()) {
            long[] s = e.getValue().getShape().getShape();
            int[] shape = new int[s.length];
            for (int i = 0; i < s.length; i++) {
                shape[i] = Math.toIntExact(s[i]);
            }
            tensors.put(e.getKey(), new FloatTensor(shape, e.getValue().toFloatArray()));
        }
        return template.withTensors(tensors);
    }

    static Shape shape(int... dims) {
        return new Shape(Arrays.stream(dims).asLongStream().toArray());
    }

    static Shape shape(long... dims) {
        return new Shape(dims);
    }

    /**
     * The alignment of every buffer handed to libtorch. libtorch's own allocations are 64-byte aligned, and its
     * CPU matrix kernels pick code paths by the alignment of their operands, so an operand whose address varies
     * mod 64 from run to run can round differently from run to run: a Java direct buffer is only as aligned as
     * malloc makes it (16 bytes). Aligning the buffers libtorch wraps makes a seeded run repeat bit for bit.
     */
    static final int ALIGNMENT = 64;

    /** A float32 array holding a copy of {@code data}'s remaining values. */
    static NDArray floats(NDManager manager, FloatBuffer data, Shape shape) {
        ByteBuffer bytes = aligned(data.remaining() * Float.BYTES);
        bytes.asFloatBuffer().put(data.duplicate());
        return manager.create(bytes, shape, DataType.FLOAT32);
    }

    /** An int64 array (libtorch's index type) holding {@code data}'s remaining values. */
    static NDArray longs(NDManager manager, IntBuffer data, Shape shape) {
        IntBuffer d = data.duplicate();
        ByteBuffer bytes = aligned(d.remaining() * Long.BYTES);
        LongBuffer out = bytes.asLongBuffer();
        while (d.hasRemaining()) {
            out.put(d.get());
        }
        return manager.create(bytes, shape, DataType.INT64);
    }

    /** A direct native-order buffer of {@code size} bytes starting at a multiple of {@link #ALIGNMENT}. */
    static ByteBuffer aligned(int size) {
        int padded = Math.addExact(size, ALIGNMENT - 1) / ALIGNMENT * ALIGNMENT;
        // alignedSlice rounds the start up and the end down, so one spare block of ALIGNMENT bytes is enough
        return ByteBuffer.allocateDirect(Math.addExact(padded, ALIGNMENT)).alignedSlice(ALIGNMENT).limit(size).slice()
                .order(ByteOrder.nativeOrder());
    }
}
