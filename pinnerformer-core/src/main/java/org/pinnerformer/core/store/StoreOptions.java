package org.pinnerformer.core.store;

import java.util.Objects;

/**
 * Options of a {@link SnapshotEmbeddingStore}.
 *
 * @param encoding how vector components are stored
 * @param retention how many snapshots (days) to keep, {@code >= 1}; after a publish the oldest beyond this are
 *     deleted
 */
public record StoreOptions(VectorEncoding encoding, int retention) {

    /** Validates. */
    public StoreOptions {
        Objects.requireNonNull(encoding, "encoding");
        if (retention < 1) {
            throw new IllegalArgumentException("retention must be >= 1 snapshot, was " + retention);
        }
    }

    /** float32, keep 7 snapshots. */
    public static StoreOptions defaults() {
        return new StoreOptions(VectorEncoding.FLOAT32, 7);
    }

    /** These options with another encoding. */
    public StoreOptions withEncoding(VectorEncoding newEncoding) {
        return new StoreOptions(newEncoding, retention);
    }

    /** These options with another retention. */
    public StoreOptions withRetention(int newRetention) {
        return new StoreOptions(encoding, newRetention);
    }
}
