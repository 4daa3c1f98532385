package org.pinnerformer.api;

import java.util.List;
import java.util.Optional;

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

    /**
     * The id of the model whose item tower computed the vectors, when the index records it (indexes from
     * {@link Model#buildIndex()} and {@link Model#openIndex} do); empty otherwise.
     */
    default Optional<String> modelId() {
        return Optional.empty();
    }

    /** Releases memory and files; idempotent. */
    @Override
    void close();
}
