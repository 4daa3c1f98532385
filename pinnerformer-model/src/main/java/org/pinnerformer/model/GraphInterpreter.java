package org.pinnerformer.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.pinnerformer.api.FloatTensor;
import org.pinnerformer.spi.graph.DType;
import org.pinnerformer.spi.graph.Dim;
import org.pinnerformer.spi.graph.Graph;
import org.pinnerformer.spi.graph.GraphInput;
import org.pinnerformer.spi.graph.Node;
import org.pinnerformer.spi.graph.Value;

/**
 * Runs any {@link Graph} forward in plain Java, float32 in and out: the numerical oracle of every backend and an
 * encoder that needs no native library.
 *
 * <p>Accuracy: values are stored as float32 between ops, as every engine does; inside an op every reduction (dot
 * products, layer-norm moments, softmax sums, norms, log-sum-exp) accumulates in double and rounds once, and GELU
 * uses a double-precision erf. So each op's result is the float32 rounding of (nearly) its exact value, and the
 * interpreter never produces NaN for finite inputs (a fully masked attention query gives 0, norms are floored).
 *
 * <p>Parameters are bound once at construction; {@link #run} may be called concurrently from several threads.
 * {@link #run(List, int)} splits the batch over threads for graphs whose data inputs and outputs all lead with the
 * batch dimension {@code B} or {@code N} (the towers); other inputs (the position index) go to every slice.
 */
public final class GraphInterpreter {
    private final Graph graph;
    private final Map<Integer, float[]> parameters = new HashMap<>();

    /**
     * Binds the graph's parameters.
     *
     * @throws IllegalArgumentException naming the tensor when one is missing or has another shape
     */
    public GraphInterpreter(Graph graph, Map<String, FloatTensor> parameters) {
        this.graph = Objects.requireNonNull(graph, "graph");
        Objects.requireNonNull(parameters, "parameters");
        for (GraphInput p : graph.parameters()) {
            FloatTensor t = parameters.get(p.name());
            if (t == null) {
                throw new IllegalArgumentException("parameter '" + p.name() + "' " + p.type() + " is missing");
            }
            int[] expected = p.type().shape().dims().stream().mapToInt(Dim::size).toArray();
            if (!t.hasShape(expected)) {
                throw new IllegalArgumentException("parameter '" + p.name() + "' must have shape "
                        + Arrays.toString(expected) + ", has " + Arrays.toString(t.shape()));
            }
            this.parameters.put(p.value().id(), t.toArray());
        }
    }

    /** The graph. */
    public Graph graph() {
        return graph;
    }

    /**
     * Runs the graph on one thread.
     *
     * @param inputs one value per data input of the graph (extra names are an error)
     * @return every output by name, with its concrete shape
     * @throws IllegalArgumentException if an input is missing, unknown, or does not fit its declared type, or an
     *     index is out of range
     */
    public Map<String, FloatTensor> run(List<ModelInput> inputs) {
        return new Execution(graph, parameters, bind(inputs)).run();
    }

    /**
     * Runs the graph with the batch split over up to {@code threads} threads (see the class comment); with one
     * thread, or a batch smaller than two rows, the same as {@link #run(List)}. The result does not depend on the
     * thread count.
     */
    public Map<String, FloatTensor> run(List<ModelInput> inputs, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, was " + threads);
        }
        Map<String, ModelInput> bound = bind(inputs);
        int rows = batchRows(bound);
        int parts = Math.min(threads, rows);
        if (parts <= 1) {
            return new Execution(graph, parameters, bound).run();
        }
        List<Map<String, FloatTensor>> results = new ArrayList<>();
        List<Thread> workers = new ArrayList<>();
        RuntimeException[] failure = new RuntimeException[1];
        for (int k = 0; k < parts; k++) {
            int from = (int) ((long) rows * k / parts);
            int to = (int) ((long) rows * (k + 1) / parts);
            Map<String, ModelInput> slice = slice(bound, from, to);
            results.add(null);
            int index = k;
            Thread t = new Thread(() -> {
                try {
                    Map<String, FloatTensor> r = new Execution(graph, parameters, slice).run();
                    synchronized (results) {
                        results.set(index, r);
                    }
                } catch (RuntimeException e) {
                    synchronized (results) {
                        failure[0] = e;
                    }
                }
            }, "pinnerformer-interpreter-" + k);
            workers.add(t);
            t.start();
        }
        for (Thread t : workers) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while running the graph", e);
            }
        }
        synchronized (results) {
            if (failure[0] != null) {
                throw failure[0];
            }
            return concatRows(results);
        }
    }

    private Map<String, ModelInput> bind(List<ModelInput> inputs) {
        Objects.requireNonNull(inputs, "inputs");
        Map<String, ModelInput> byName = new LinkedHashMap<>();
        for (ModelInput in : inputs) {
            if (byName.put(in.name(), in) != null) {
                throw new IllegalArgumentException("input '" + in.name() + "' was given twice");
            }
        }
        Map<String, Integer> symbols = new HashMap<>();
        for (GraphInput d : graph.dataInputs()) {
            ModelInput in = byName.remove(d.name());
            if (in == null) {
                throw new IllegalArgumentException("data input '" + d.name() + "' " + d.type() + " is missing");
            }
            if (in.dtype() != d.type().dtype() || in.shape().length != d.type().shape().rank()) {
                throw new IllegalArgumentException("data input '" + d.name() + "' must be " + d.type() + ", was "
                        + in.dtype() + Arrays.toString(in.shape()));
            }
            int[] shape = in.shape();
            for (int i = 0; i < shape.length; i++) {
                Dim dim = d.type().shape().dim(i);
                Integer want = dim.isFixed() ? Integer.valueOf(dim.size()) : symbols.putIfAbsent(dim.symbol(),
                        shape[i]);
                if (want != null && want != shape[i]) {
                    throw new IllegalArgumentException("data input '" + d.name() + "' has shape "
                            + Arrays.toString(shape) + ", but its dimension " + i + " (" + dim + ") must be " + want);
                }
            }
            byName.put(d.name(), in);
        }
        for (GraphInput d : graph.dataInputs()) {
            byName.remove(d.name());
        }
        if (!byName.isEmpty()) {
            throw new IllegalArgumentException("the graph has no data inputs named " + byName.keySet());
        }
        Map<String, ModelInput> out = new LinkedHashMap<>();
        for (ModelInput in : inputs) {
            out.put(in.name(), in);
        }
        return out;
    }

    private int batchRows(Map<String, ModelInput> bound) {
        int rows = -1;
        for (GraphInput d : graph.dataInputs()) {
            if (isBatched(d.type().shape().rank() > 0 ? d.type().shape().dim(0) : Dim.of(0))) {
                rows = bound.get(d.name()).shape()[0];
            } else if (!d.name().equals(GraphNames.SEQ_POSITIONS)) {
                return 1;
            }
        }
        for (Value v : graph.outputs().values()) {
            if (v.shape().rank() == 0 || !isBatched(v.shape().dim(0))) {
                return 1;
            }
        }
        return Math.max(rows, 1);
    }

    private static boolean isBatched(Dim d) {
        return d.equals(Dim.symbol("B")) || d.equals(Dim.symbol("N"));
    }

    private Map<String, ModelInput> slice(Map<String, ModelInput> bound, int from, int to) {
        Map<String, ModelInput> out = new LinkedHashMap<>();
        for (GraphInput d : graph.dataInputs()) {
            ModelInput in = bound.get(d.name());
            if (d.type().shape().rank() == 0 || !isBatched(d.type().shape().dim(0))) {
                out.put(d.name(), in);
                continue;
            }
            int[] shape = in.shape();
            int row = in.data().remaining() / shape[0];
            shape[0] = to - from;
            if (in.dtype() == DType.FLOAT32) {
                out.put(d.name(), ModelInput.of(in.name(), java.nio.FloatBuffer.wrap(in.floats(), from * row,
                        (to - from) * row).slice(), shape));
            } else {
                out.put(d.name(), ModelInput.of(in.name(), java.nio.IntBuffer.wrap(in.ints(), from * row,
                        (to - from) * row).slice(), shape));
            }
        }
        return out;
    }

    private static Map<String, FloatTensor> concatRows(List<Map<String, FloatTensor>> parts) {
        Map<String, FloatTensor> out = new LinkedHashMap<>();
        for (String name : parts.get(0).keySet()) {
            int total = 0;
            int rows = 0;
            for (Map<String, FloatTensor> p : parts) {
                total += p.get(name).size();
                rows += p.get(name).dim(0);
            }
            float[] data = new float[total];
            int at = 0;
            for (Map<String, FloatTensor> p : parts) {
                FloatTensor t = p.get(name);
                t.data().get(data, at, t.size());
                at += t.size();
            }
            int[] shape = parts.get(0).get(name).shape();
            shape[0] = rows;
            out.put(name, FloatTensor.wrap(shape, data));
        }
        return out;
    }

    /** One evaluation: the values of every node, computed in order. */
    private static final class Execution {
        private final Graph graph;
        private final float[][] floats;
        private final int[][] ints;
        private final int[][] shapes;

        Execution(Graph graph, Map<Integer, float[]> parameters, Map<String, ModelInput> inputs) {
            this.graph = graph;
            int n = graph.valueCount();
            floats = new float[n][];
            ints = new int[n][];
            shapes = new int[n][];
            for (GraphInput in : graph.inputs()) {
                int id = in.value().id();
                if (in.kind() == GraphInput.Kind.PARAMETER) {
                    floats[id] = parameters.get(id);
                    shapes[id] = in.type().shape().dims().stream().mapToInt(Dim::size).toArray();
                } else {
                    ModelInput m = inputs.get(in.name());
                    shapes[id] = m.shape();
                    if (m.dtype() == DType.FLOAT32) {
                        floats[id] = m.floats();
                    } else {
                        ints[id] = m.ints();
                    }
                }
            }
        }

        Map<String, FloatTensor> run() {
            for (Node node : graph.nodes()) {
                Kernels.Result r = node.op().accept(new Kernels(node, floats, ints, shapes));
                floats[node.output().id()] = r.data();
                shapes[node.output().id()] = r.shape();
            }
            Map<String, FloatTensor> out = new LinkedHashMap<>();
            graph.outputs().forEach((name, v) -> out.put(name, FloatTensor.wrap(shapes[v.id()], floats[v.id()])));
            return out;
        }
    }
}
