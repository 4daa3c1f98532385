package org.pinnerformer.api;

import java.util.List;

/**
 * Nearest-neighbour search over L2-normalised item embeddings by inner product (= cosine). Implementations
 * (exact, HNSW) live in core ({@code org.pinnerformer.core.retrieval}).
 */
public interface ItemIndex extends AutoCloseable {

    /** One search result. */
    record Hit(long itemId, float score) {
    }

    /** D, the size of every vector. */
    int dimension();

    /** The number of indexed items. */
    int size();

    /**
     * The {@code k} items with the highest inner product with {@code query}, best first.
     *
     * @throws IllegalArgumentException if the query's length is not {@link #dimension()} or k is not positive
     */
    List<Hit> search(float[] query, int k);

    /** Releases memory and files; idempotent. */
    @Override
    void close();
}
