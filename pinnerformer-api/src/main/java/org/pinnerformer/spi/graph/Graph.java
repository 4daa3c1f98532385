package org.pinnerformer.spi.graph;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An immutable, shape-checked computation: named inputs (per-call data and named parameters), nodes in
 * topological order (every operand is an input or an earlier node's output) and named outputs. Built with
 * {@link GraphBuilder}. Value ids are dense: inputs and node outputs, in definition order.
 */
public final class Graph {
    private final List<GraphInput> inputs;
    private final List<Node> nodes;
    private final Map<String, Value> outputs;
    private final int valueCount;

    Graph(List<GraphInput> inputs, List<Node> nodes, Map<String, Value> outputs, int valueCount) {
        this.inputs = List.copyOf(inputs);
        this.nodes = List.copyOf(nodes);
        this.outputs = Collections.unmodifiableMap(new LinkedHashMap<>(outputs));
        this.valueCount = valueCount;
    }

    /** Every input, data and parameters, in definition order. */
    public List<GraphInput> inputs() {
        return inputs;
    }

    /** The per-call data inputs. */
    public List<GraphInput> dataInputs() {
        return inputs.stream().filter(i -> i.kind() == GraphInput.Kind.DATA).toList();
    }

    /** The parameters; each name is a checkpoint tensor name. */
    public List<GraphInput> parameters() {
        return inputs.stream().filter(i -> i.kind() == GraphInput.Kind.PARAMETER).toList();
    }

    /** The input of that name, or empty. */
    public Optional<GraphInput> input(String name) {
        return inputs.stream().filter(i -> i.name().equals(name)).findFirst();
    }

    /** The nodes in topological order. */
    public List<Node> nodes() {
        return nodes;
    }

    /** The named outputs, in the order they were declared. */
    public Map<String, Value> outputs() {
        return outputs;
    }

    /**
     * The output of that name.
     *
     * @throws IllegalArgumentException naming the outputs that exist when there is none of that name
     */
    public Value output(String name) {
        Value v = outputs.get(name);
        if (v == null) {
            throw new IllegalArgumentException("the graph has no output '" + name + "'; its outputs are "
                    + outputs.keySet());
        }
        return v;
    }

    /** The number of values (inputs plus nodes); ids run from 0 to this minus 1. */
    public int valueCount() {
        return valueCount;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Graph\n");
        for (GraphInput i : inputs) {
            sb.append("  ").append(i.kind() == GraphInput.Kind.DATA ? "input " : "param ").append(i.name())
                    .append(" = ").append(i.value()).append('\n');
        }
        for (Node n : nodes) {
            sb.append("  ").append(n.output()).append(" = ").append(n.op()).append(n.inputs().stream()
                    .map(v -> "%" + v.id()).toList()).append('\n');
        }
        outputs.forEach((k, v) -> sb.append("  output ").append(k).append(" = %").append(v.id()).append('\n'));
        return sb.toString();
    }
}
