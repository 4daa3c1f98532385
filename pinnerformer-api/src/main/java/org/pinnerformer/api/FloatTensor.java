package org.pinnerformer.api;

import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.Objects;

/**
 * A dense float32 tensor in row-major (C) order, as stored in a checkpoint. Shapes follow PyTorch
 * conventions: a Linear layer's weight is {@code [out, in]}, a scalar has shape {@code []}.
 *
 * <p>The tensor is immutable: the constructor copies the data and {@link #data()} is a read-only view.
 */
public final class FloatTensor {
    private final int[] shape;
    private final float[] data;

    /**
     * Creates a tensor, copying {@code data}.
     *
     * @throws IllegalArgumentException if a dimension is negative or the data length is not the product of
     *     the shape
     */
    public FloatTensor(int[] shape, float[] data) {
        this(Objects.requireNonNull(data, "data").clone(), shape.clone());
    }

    /** Takes ownership of both arrays (parameter order differs from the public constructor on purpose). */
    private FloatTensor(float[] data, int[] shape) {
        Objects.requireNonNull(shape, "shape");
        long n = 1;
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] < 0) {
                throw new IllegalArgumentException("dimension " + i + " of shape " + Arrays.toString(shape)
                        + " is negative");
            }
            n *= shape[i];
        }
        if (n != data.length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " holds " + n
                    + " values, but " + data.length + " were given");
        }
        this.shape = shape;
        this.data = data;
    }

    /** A tensor that takes ownership of {@code data}: the caller must not modify it afterwards. */
    public static FloatTensor wrap(int[] shape, float[] data) {
        return new FloatTensor(Objects.requireNonNull(data, "data"), shape.clone());
    }

    /** A tensor of zeros. */
    public static FloatTensor zeros(int... shape) {
        long n = 1;
        for (int d : shape) {
            n *= Math.max(d, 0);
        }
        if (n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " is too large");
        }
        return new FloatTensor(new float[(int) n], shape.clone());
    }

    /** A copy of the shape. */
    public int[] shape() {
        return shape.clone();
    }

    /** The number of dimensions. */
    public int rank() {
        return shape.length;
    }

    /** The size of dimension {@code i}. */
    public int dim(int i) {
        return shape[i];
    }

    /** The number of values. */
    public int size() {
        return data.length;
    }

    /** A read-only view of the values. */
    public FloatBuffer data() {
        return FloatBuffer.wrap(data).asReadOnlyBuffer();
    }

    /** A copy of the values. */
    public float[] toArray() {
        return data.clone();
    }

    /** The value at a flat (row-major) index. */
    public float get(int flatIndex) {
        return data[flatIndex];
    }

    /** Whether every value is finite (no NaN, no infinity). */
    public boolean allFinite() {
        for (float v : data) {
            if (!Float.isFinite(v)) {
                return false;
            }
        }
        return true;
    }

    /** Whether the shape is the given one. */
    public boolean hasShape(int... expected) {
        return Arrays.equals(shape, expected);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FloatTensor t && Arrays.equals(shape, t.shape) && Arrays.equals(data, t.data);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(shape) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "FloatTensor" + Arrays.toString(shape);
    }
}
