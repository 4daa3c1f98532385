package org.pinnerformer.spi;

import org.pinnerformer.api.Checkpoint;
import org.pinnerformer.api.objective.TrainingOptions;

/**
 * An engine ready to train and encode. Every trainer and encoder it hands out is closed when the backend
 * is closed, if the caller has not closed it before.
 */
public interface Backend extends AutoCloseable {

    /** The provider's name. */
    String name();

    /** What this backend can do. */
    java.util.Set<Capability> capabilities();

    /**
     * A trainer that starts from {@code initial} (for a fresh model, a checkpoint from core's initialiser).
     *
     * @throws UnsupportedOperationException if the backend cannot train
     */
    Trainer trainer(Checkpoint initial, TrainingOptions options);

    /** A user encoder for the checkpoint's user tower. */
    UserEncoder userEncoder(Checkpoint checkpoint);

    /** An item encoder for the checkpoint's item tower. */
    ItemEncoder itemEncoder(Checkpoint checkpoint);

    /** Releases native resources; idempotent. */
    @Override
    void close();
}
