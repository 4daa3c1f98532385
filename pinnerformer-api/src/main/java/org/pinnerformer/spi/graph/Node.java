package org.pinnerformer.spi.graph;

import java.util.List;
import java.util.Objects;

/**
 * One operation applied to earlier values.
 *
 * @param op the operation and its attributes
 * @param inputs its operands, in the order the op documents
 * @param output the value it defines
 */
public record Node(Op op, List<Value> inputs, Value output) {

    /** Validates and copies. */
    public Node {
        Objects.requireNonNull(op, "op");
        inputs = List.copyOf(Objects.requireNonNull(inputs, "inputs"));
        Objects.requireNonNull(output, "output");
    }

    /** Operand {@code i}. */
    public Value input(int i) {
        return inputs.get(i);
    }
}
