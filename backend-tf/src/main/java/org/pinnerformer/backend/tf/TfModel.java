package org.pinnerformer.backend.tf;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.pinnerformer.api.BackendException;
import org.pinnerformer.api.Checkpoint;
import org.pinnerformer.api.FloatTensor;
import org.pinnerformer.model.ModelInput;
import org.pinnerformer.model.engine.CompiledModel;
import org.pinnerformer.spi.graph.Graph;
import org.pinnerformer.spi.graph.GraphInput;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.op.Ops;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.types.TFloat32;

/**
 * One TensorFlow graph and session holding a checkpoint's parameters as constants and one or more lowered core
 * graphs that share them. Thread-safe: TensorFlow sessions run concurrently.
 */
final class TfModel implements CompiledModel {
    private final org.tensorflow.Graph graph = new org.tensorflow.Graph();
    private final Session session;
    private final Map<String, Lowering.Lowered> lowered = new LinkedHashMap<>();
    private volatile boolean closed;

    /** Lowers each named core graph (names become TF name scopes) with the checkpoint's parameters. */
    TfModel(Checkpoint checkpoint, Map<String, Graph> graphs, ConfigProto config) {
        try {
            Ops tf = Ops.create(graph);
            Map<String, Operand<TFloat32>> parameters = new LinkedHashMap<>();
            Ops params = tf.withSubScope("parameters");
            for (Graph g : graphs.values()) {
                for (GraphInput p : g.parameters()) {
                    FloatTensor t = checkpoint.tensors().get(p.name());
                    if (t != null && !parameters.containsKey(p.name())) {
                        parameters.put(p.name(), Tensors.constant(params, t));
                    }
                }
            }
            for (Map.Entry<String, Graph> e : graphs.entrySet()) {
                lowered.put(e.getKey(), Lowering.lower(tf.withSubScope(e.getKey()), e.getValue(), parameters));
            }
            this.session = new Session(graph, config);
        } catch (RuntimeException e) {
            graph.close();
            throw e;
        }
    }

    /** Runs lowered graph {@code which} on the inputs and copies output {@code name} to a Java array. */
    @Override
    public float[] run(String which, List<ModelInput> inputs, String name) {
        Lowering.Lowered l = lowered.get(which);
        Operand<TFloat32> out = l.outputs().get(name);
        if (out == null) {
            throw new BackendException("graph '" + which + "' has no output '" + name + "'");
        }
        List<Tensor> owned = new ArrayList<>();
        try {
            Session.Runner runner = Tensors.feed(session.runner(), l, inputs, owned);
            try (Result r = runner.fetch(out).run()) {
                return Tensors.floats(r.get(0));
            }
        } finally {
            owned.forEach(Tensor::close);
        }
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            session.close();
            graph.close();
        }
    }
}
