package org.pinnerformer.core.train;

import org.pinnerformer.api.Checkpoint;

/** Scores a checkpoint on held-out data; higher is better. */
@FunctionalInterface
public interface Validator {
    /** The score of {@code checkpoint}, a finite number. */
    double score(Checkpoint checkpoint);
}
