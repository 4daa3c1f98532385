package org.pinnerformer.core.store;

import org.pinnerformer.api.EmbeddingStore;

/**
 * A snapshot whose users can be enumerated in increasing id order, as the daily job needs to carry vectors
 * over. Both stores of this package return snapshots of this type.
 */
public interface IndexedSnapshot extends EmbeddingStore.Snapshot {

    /** The user id at a position, {@code 0 <= index < size()}, in increasing id order. */
    long userId(long index);

    /** Copies the vector at a position into {@code dst[offset, offset + dimension())}. */
    void copyVector(long index, float[] dst, int offset);
}
