package org.pinnerformer.model.engine;

import java.util.List;
import org.pinnerformer.model.ModelInput;

/** Graphs prepared by {@link Engine#compile} for one checkpoint. */
public interface CompiledModel extends AutoCloseable {

    /**
     * Runs one of the graphs. Thread-safe: encoders are called from several threads at once.
     *
     * @param graph the name the graph was compiled under
     * @param inputs the graph's data inputs, from {@link org.pinnerformer.model.ModelInputs}
     * @param output the name of the output to return
     * @return the output, row-major
     * @throws org.pinnerformer.api.BackendException with the operation and the sizes when the engine fails
     */
    float[] run(String graph, List<ModelInput> inputs, String output);

    /** Releases the engine's resources for these graphs; called once. */
    @Override
    void close();
}
