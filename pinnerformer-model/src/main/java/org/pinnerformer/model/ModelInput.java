package org.pinnerformer.model;

import java.nio.Buffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.util.Arrays;
import java.util.Objects;
import org.pinnerformer.spi.graph.DType;

/**
 * One named data input of a graph with its concrete shape and a read-only view of its row-major values
 * ({@link FloatBuffer} for float32, {@link IntBuffer} for int32). Made by {@link ModelInputs}; backends copy the
 * values into their engine.
 *
 * @param name the graph input name ({@link GraphNames})
 * @param dtype the element type
 * @param shape the concrete shape
 * @param data the values, positioned at 0
 */
public record ModelInput(String name, DType dtype, int[] shape, Buffer data) {

    /** Validates and copies the shape. */
    public ModelInput {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(dtype, "dtype");
        shape = Objects.requireNonNull(shape, "shape").clone();
        Objects.requireNonNull(data, "data");
        if (dtype == DType.FLOAT32 ? !(data instanceof FloatBuffer) : !(data instanceof IntBuffer)) {
            throw new IllegalArgumentException("input '" + name + "' of type " + dtype + " needs a "
                    + (dtype == DType.FLOAT32 ? "FloatBuffer" : "IntBuffer") + ", was " + data.getClass().getName());
        }
        long n = 1;
        for (int d : shape) {
            n *= d;
        }
        if (n != data.remaining()) {
            throw new IllegalArgumentException("input '" + name + "' of shape " + Arrays.toString(shape) + " needs "
                    + n + " values, has " + data.remaining());
        }
    }

    /** A float input. */
    public static ModelInput of(String name, FloatBuffer data, int... shape) {
        return new ModelInput(name, DType.FLOAT32, shape, data);
    }

    /** An int input. */
    public static ModelInput of(String name, IntBuffer data, int... shape) {
        return new ModelInput(name, DType.INT32, shape, data);
    }

    /** A copy of the shape. */
    @Override
    public int[] shape() {
        return shape.clone();
    }

    /** A copy of the float values. */
    public float[] floats() {
        if (dtype != DType.FLOAT32) {
            throw new IllegalStateException("input '" + name + "' is " + dtype + ", not FLOAT32");
        }
        FloatBuffer b = ((FloatBuffer) data).duplicate();
        float[] out = new float[b.remaining()];
        b.get(out);
        return out;
    }

    /** A copy of the int values. */
    public int[] ints() {
        if (dtype != DType.INT32) {
            throw new IllegalStateException("input '" + name + "' is " + dtype + ", not INT32");
        }
        IntBuffer b = ((IntBuffer) data).duplicate();
        int[] out = new int[b.remaining()];
        b.get(out);
        return out;
    }
}
