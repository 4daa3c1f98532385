package org.pinnerformer.backend.onnx;

import ai.onnxruntime.OrtEnvironment;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pinnerformer.api.Checkpoint;
import org.pinnerformer.backend.onnx.export.OnnxLowering;
import org.pinnerformer.model.ModelInput;
import org.pinnerformer.model.engine.CompiledModel;
import org.pinnerformer.model.engine.Engine;
import org.pinnerformer.spi.graph.Graph;

/** ONNX Runtime: each graph written as ONNX, run in its own session; inference only (the default capabilities). */
final class OnnxEngine implements Engine {
    private final OrtEnvironment env;
    private final OnnxSettings settings;

    OnnxEngine(OrtEnvironment env, OnnxSettings settings) {
        this.env = env;
        this.settings = settings;
    }

    @Override
    public CompiledModel compile(Checkpoint checkpoint, Map<String, Graph> graphs) {
        Map<String, OrtModel> sessions = new LinkedHashMap<>();
        try {
            graphs.forEach((name, graph) -> sessions.put(name, new OrtModel(env, settings,
                    OnnxLowering.toOnnx(graph, checkpoint.tensors(), name), name.replace('_', ' '))));
        } catch (RuntimeException e) {
            sessions.values().forEach(OrtModel::close);
            throw e;
        }
        return new CompiledModel() {
            @Override
            public float[] run(String graph, List<ModelInput> inputs, String output) {
                return sessions.get(graph).run(inputs, output);
            }

            @Override
            public void close() {
                sessions.values().forEach(OrtModel::close);
            }
        };
    }

    @Override
    public void close() {
        // the environment is process-wide; each compiled model closes its sessions
    }
}
