package org.pinnerformer.backend.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.pinnerformer.api.Checkpoint;
import org.pinnerformer.model.CheckpointValidator;
import org.pinnerformer.model.ModelInput;
import org.pinnerformer.spi.graph.Graph;

/**
 * A checkpoint's parameters on a libtorch device plus the graphs to run them with; the shared part of the
 * encoders. Runs with libtorch's grad mode off (thread-local) so inference builds no autograd graph.
 */
final class DjlModel implements AutoCloseable {
    private final NDManager manager;
    private final Map<String, NDArray> parameters;
    private final Checkpoint checkpoint;
    private volatile boolean closed;

    DjlModel(NDManager parent, Checkpoint checkpoint) {
        Objects.requireNonNull(checkpoint, "checkpoint");
        CheckpointValidator.validate(checkpoint);
        this.checkpoint = checkpoint;
        this.manager = parent.newSubManager();
        this.parameters = Tensors.toArrays(manager, checkpoint, false);
    }

    Checkpoint checkpoint() {
        return checkpoint;
    }

    /** Runs {@code graph} on the inputs and copies output {@code name} to a Java array. */
    float[] run(Graph graph, List<ModelInput> inputs, String name, String what) {
        if (closed) {
            throw new IllegalStateException("this " + what + " is closed");
        }
        boolean gradMode = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        try (NDManager scope = manager.newSubManager()) {
            Map<String, NDArray> out = Lowering.run(scope, graph, parameters, Lowering.inputs(scope, inputs));
            return out.get(name).toFloatArray();
        } finally {
            JniUtils.setGradMode(gradMode);
        }
    }

    /** Whether {@link #close()} ran. */
    boolean isClosed() {
        return closed;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            manager.close();
        }
    }
}
