package org.pinnerformer.api;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * Daily snapshots of user embeddings. A snapshot is published atomically: readers see the previous or the
 * new snapshot, never a mix. Implementations live in core ({@code org.pinnerformer.core.store}).
 */
public interface EmbeddingStore extends AutoCloseable {

    /** One published snapshot. */
    interface Snapshot {
        /** The day the snapshot was computed for. */
        LocalDate date();

        /**
         * The id of the model the vectors were computed with: a model bundle's model id (for a checkpoint outside a
         * bundle, its {@link Checkpoint#id()}). Readers refuse to combine a snapshot with an artefact of another
         * model.
         */
        String modelId();

        /** D, the size of every vector. */
        int dimension();

        /** The number of users. */
        long size();

        /** The vector of a user, or empty when the user is not in the snapshot. */
        Optional<float[]> vector(long userId);
    }

    /** Writes a new snapshot; nothing is visible to readers until {@link #publish()}. */
    interface Writer extends AutoCloseable {
        /** Adds or replaces a user's vector. */
        void put(long userId, float[] vector);

        /** Makes the snapshot the latest one, atomically. */
        void publish();

        /** Abandons an unpublished snapshot; idempotent. */
        @Override
        void close();
    }

    /** The newest published snapshot, or empty when none has been published. */
    Optional<Snapshot> latest();

    /** The snapshot of a day, or empty. */
    Optional<Snapshot> snapshot(LocalDate date);

    /** The days of every retained snapshot, oldest first. */
    List<LocalDate> dates();

    /** Starts writing the snapshot of a day computed with the model of id {@code modelId}. */
    Writer writer(LocalDate date, String modelId, int dimension);

    /** Releases files and memory; idempotent. */
    @Override
    void close();
}
