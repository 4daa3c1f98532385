package org.pinnerformer.api;

import java.util.List;
import java.util.Optional;

/**
 * A user's top items: the user's embedding searched in an item index of the same model. Made by
 * {@link Model#recommender} (embeddings in memory) or {@link PinnerFormer#recommender} (the daily job's latest
 * snapshot); both refuse users and items of different models before any search.
 */
public interface Recommender extends AutoCloseable {

    /** The id of the model both the users' vectors and the items' come from. */
    String modelId();

    /**
     * The user's {@code k} best items, best first, or empty when the user has no embedding here.
     *
     * @throws IllegalArgumentException if k is not positive
     */
    Optional<List<ItemIndex.Hit>> recommend(long userId, int k);

    /** Releases what the recommender opened; idempotent. */
    @Override
    void close();
}
