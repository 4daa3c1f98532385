package org.pinnerformer.spi.graph;

import java.util.Objects;

/**
 * A named input of a graph: data fed per call, or a model parameter whose name is its checkpoint tensor name.
 *
 * @param name the name (unique in the graph)
 * @param kind data or parameter
 * @param value the value it defines
 */
public record GraphInput(String name, Kind kind, Value value) {

    /** What an input holds. */
    public enum Kind {
        /** Per-call data (sequences, items, pairs); may have symbolic dimensions. */
        DATA,
        /** A learned parameter, read from the checkpoint tensor of the same name; fixed shape, float32. */
        PARAMETER
    }

    /** Validates. */
    public GraphInput {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(value, "value");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("an input name must not be empty");
        }
    }

    /** The element type and shape. */
    public TensorType type() {
        return value.type();
    }
}
