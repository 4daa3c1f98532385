package org.pinnerformer.core.backend;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pinnerformer.api.Checkpoint;
import org.pinnerformer.model.GraphInterpreter;
import org.pinnerformer.model.ModelInput;
import org.pinnerformer.model.engine.CompiledModel;
import org.pinnerformer.model.engine.Engine;
import org.pinnerformer.spi.graph.Graph;

/** The {@code java} engine: the graph interpreter on {@code threads} threads; inference only, nothing native. */
final class JavaEngine implements Engine {
    private final int threads;

    JavaEngine(int threads) {
        this.threads = threads;
    }

    @Override
    public CompiledModel compile(Checkpoint checkpoint, Map<String, Graph> graphs) {
        Map<String, GraphInterpreter> interpreters = new LinkedHashMap<>();
        graphs.forEach((name, graph) -> interpreters.put(name, new GraphInterpreter(graph, checkpoint.tensors())));
        return new CompiledModel() {
            @Override
            public float[] run(String graph, List<ModelInput> inputs, String output) {
                return interpreters.get(graph).run(inputs, threads).get(output).toArray();
            }

            @Override
            public void close() {
                // plain Java arrays: the collector frees them
            }
        };
    }

    @Override
    public void close() {
        // nothing native
    }
}
