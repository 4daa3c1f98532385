package org.pinnerformer.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.pinnerformer.api.Checkpoint;
import org.pinnerformer.api.CheckpointException;
import org.pinnerformer.api.FloatTensor;

/**
 * Checks that a checkpoint holds exactly the parameters {@link ModelParameters} expects for its spec and
 * vocabularies: every tensor present with its shape, no extra tensor, every value finite.
 */
public final class CheckpointValidator {

    private CheckpointValidator() {
    }

    /**
     * Validates the checkpoint.
     *
     * @throws CheckpointException listing every problem, each naming the tensor (and the expected and actual
     *     shapes where they differ)
     */
    public static void validate(Checkpoint checkpoint) {
        List<String> problems = problems(checkpoint);
        if (!problems.isEmpty()) {
            throw new CheckpointException("the checkpoint does not fit its model spec: " + String.join("; ",
                    problems));
        }
    }

    /** Every problem of the checkpoint, one sentence each; empty when it is valid. */
    public static List<String> problems(Checkpoint checkpoint) {
        ModelParameters expected = ModelParameters.of(checkpoint);
        Map<String, FloatTensor> tensors = checkpoint.tensors();
        List<String> problems = new ArrayList<>();
        for (String name : expected.names()) {
            int[] shape = expected.shape(name);
            FloatTensor t = tensors.get(name);
            if (t == null) {
                problems.add("tensor '" + name + "' " + Arrays.toString(shape) + " is missing");
            } else if (!t.hasShape(shape)) {
                problems.add("tensor '" + name + "' must have shape " + Arrays.toString(shape) + ", has "
                        + Arrays.toString(t.shape()));
            } else if (!t.allFinite()) {
                problems.add("tensor '" + name + "' holds NaN or infinite values");
            }
        }
        for (String name : tensors.keySet()) {
            if (!expected.contains(name)) {
                problems.add("tensor '" + name + "' " + Arrays.toString(tensors.get(name).shape())
                        + " is not a parameter of this model");
            }
        }
        return problems;
    }
}
