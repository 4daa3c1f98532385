package org.pinnerformer.backend.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;
import java.util.List;
import java.util.Map;
import org.pinnerformer.api.Checkpoint;
import org.pinnerformer.model.ModelInput;
import org.pinnerformer.model.engine.CompiledModel;
import org.pinnerformer.spi.graph.Graph;

/**
 * A checkpoint's parameters on a libtorch device, once, plus the graphs to run them with. Runs with libtorch's grad
 * mode off (thread-local) so inference builds no autograd graph. Thread-safe: calls share the read-only parameters.
 */
final class DjlModel implements CompiledModel {
    private final NDManager manager;
    private final Map<String, NDArray> parameters;
    private final Map<String, Graph> graphs;

    DjlModel(NDManager parent, Checkpoint checkpoint, Map<String, Graph> graphs) {
        this.graphs = Map.copyOf(graphs);
        this.manager = parent.newSubManager();
        this.parameters = Tensors.toArrays(manager, checkpoint, false);
    }

    @Override
    public float[] run(String graph, List<ModelInput> inputs, String output) {
        boolean gradMode = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        try (NDManager scope = manager.newSubManager()) {
            Map<String, NDArray> out = Lowering.run(scope, graphs.get(graph), parameters,
                    Lowering.inputs(scope, inputs));
            return out.get(output).toFloatArray();
        } finally {
            JniUtils.setGradMode(gradMode);
        }
    }

    @Override
    public void close() {
        manager.close();
    }
}
