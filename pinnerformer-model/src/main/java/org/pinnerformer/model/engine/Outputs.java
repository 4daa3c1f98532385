package org.pinnerformer.model.engine;

import org.pinnerformer.api.BackendException;

/** The check every encoder makes on what an engine returned. */
final class Outputs {
    private Outputs() {
    }

    /**
     * {@code values} when it holds {@code rows x d} values.
     *
     * @throws BackendException naming the graph and both sizes otherwise
     */
    static float[] check(float[] values, long rows, int d, String graph) {
        if (values.length != rows * d) {
            throw new BackendException("the engine returned " + values.length + " values for " + graph
                    + ", expected " + rows + " x " + d + " = " + rows * d);
        }
        return values;
    }
}
