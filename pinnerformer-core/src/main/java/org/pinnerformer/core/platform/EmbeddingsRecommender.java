package org.pinnerformer.core.platform;

import java.util.List;
import java.util.Optional;
import org.pinnerformer.api.Embeddings;
import org.pinnerformer.api.ItemIndex;
import org.pinnerformer.api.Recommender;

/** Recommends from embeddings in memory and an item index of the same model; closing leaves the index open. */
final class EmbeddingsRecommender implements Recommender {
    private final Embeddings users;
    private final ItemIndex items;
    private volatile boolean closed;

    EmbeddingsRecommender(Embeddings users, ItemIndex items) {
        this.users = users;
        this.items = items;
    }

    @Override
    public String modelId() {
        return users.modelId();
    }

    @Override
    public Optional<List<ItemIndex.Hit>> recommend(long userId, int k) {
        if (closed) {
            throw new IllegalStateException("this recommender is closed");
        }
        if (k <= 0) {
            throw new IllegalArgumentException("k must be > 0, was " + k);
        }
        return users.contains(userId) ? Optional.of(items.search(users.vector(userId), k)) : Optional.empty();
    }

    @Override
    public void close() {
        closed = true;
    }
}
