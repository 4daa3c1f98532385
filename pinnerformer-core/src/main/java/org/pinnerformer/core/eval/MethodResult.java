package org.pinnerformer.core.eval;

import java.util.Objects;
import java.util.OptionalDouble;

/**
 * The result of one method under one protocol: a row of {@link ResultTable} and of {@link ResultJson}.
 *
 * @param method the method's name
 * @param mode the inference mode
 * @param k K of recall and coverage
 * @param entropyDepth the depth of interest entropy
 * @param users the number of evaluated users
 * @param positives the number of positives of all evaluated users
 * @param recall Recall@K, the mean over users of each user's found positives / positives
 * @param pooledRecall all found positives / all positives (users with many positives weigh more)
 * @param coverage P90 coverage@K over the index size
 * @param entropy mean interest entropy@entropyDepth in nats; empty when the items have no categories
 * @param queries how many embeddings were computed and searched (more than users in daily and realtime modes)
 * @param seconds wall-clock time of the evaluation (embedding and retrieval)
 */
public record MethodResult(String method, InferenceMode mode, int k, int entropyDepth, int users, long positives,
        double recall, double pooledRecall, double coverage, OptionalDouble entropy, long queries, double seconds) {

    /** Validates every field. */
    public MethodResult {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(entropy, "entropy");
        unit("recall", recall);
        unit("pooledRecall", pooledRecall);
        unit("coverage", coverage);
        if (entropy.isPresent() && !(entropy.getAsDouble() >= 0 && Double.isFinite(entropy.getAsDouble()))) {
            throw new IllegalArgumentException("entropy must be finite and >= 0, was " + entropy.getAsDouble());
        }
        if (!(seconds >= 0 && Double.isFinite(seconds))) {
            throw new IllegalArgumentException("seconds must be finite and >= 0, was " + seconds);
        }
    }

    private static void unit(String name, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(name + " must be in [0, 1], was " + value);
        }
    }
}
