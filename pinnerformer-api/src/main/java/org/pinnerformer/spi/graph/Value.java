package org.pinnerformer.spi.graph;

import java.util.Objects;

/**
 * A handle of a tensor in a {@link Graph}: a graph input or the output of one node. Ids are dense,
 * {@code 0 .. Graph.valueCount() - 1}, in definition order, so a backend can keep its lowered tensors in an array.
 *
 * @param id the index of the value in its graph
 * @param type the element type and shape
 */
public record Value(int id, TensorType type) {

    /** Validates. */
    public Value {
        if (id < 0) {
            throw new IllegalArgumentException("id must be >= 0, was " + id);
        }
        Objects.requireNonNull(type, "type");
    }

    /** The shape. */
    public Shape shape() {
        return type.shape();
    }

    @Override
    public String toString() {
        return "%" + id + ":" + type;
    }
}
