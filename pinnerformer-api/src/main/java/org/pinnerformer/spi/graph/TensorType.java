package org.pinnerformer.spi.graph;

import java.util.Objects;

/**
 * The element type and shape of a graph value.
 *
 * @param dtype the element type
 * @param shape the shape
 */
public record TensorType(DType dtype, Shape shape) {

    /** Validates. */
    public TensorType {
        Objects.requireNonNull(dtype, "dtype");
        Objects.requireNonNull(shape, "shape");
    }

    /** A float32 tensor of the given shape. */
    public static TensorType f32(Shape shape) {
        return new TensorType(DType.FLOAT32, shape);
    }

    /** An int32 tensor of the given shape. */
    public static TensorType i32(Shape shape) {
        return new TensorType(DType.INT32, shape);
    }

    @Override
    public String toString() {
        return (dtype == DType.FLOAT32 ? "f32" : "i32") + shape;
    }
}
