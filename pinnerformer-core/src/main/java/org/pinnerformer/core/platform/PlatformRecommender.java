package org.pinnerformer.core.platform;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongFunction;
import org.pinnerformer.api.ItemIndex;
import org.pinnerformer.api.Recommender;

/**
 * A user's vector, from embeddings in memory or a snapshot, searched in an item index of the same model (the callers
 * check the model ids before making one). Closing runs {@code onClose} once.
 */
final class PlatformRecommender implements Recommender {
    private final String modelId;
    private final LongFunction<Optional<float[]>> vectors;
    private final ItemIndex items;
    private final Runnable onClose;
    private boolean closed;

    PlatformRecommender(String modelId, LongFunction<Optional<float[]>> vectors, ItemIndex items, Runnable onClose) {
        this.modelId = Objects.requireNonNull(modelId, "modelId");
        this.vectors = Objects.requireNonNull(vectors, "vectors");
        this.items = Objects.requireNonNull(items, "items");
        this.onClose = Objects.requireNonNull(onClose, "onClose");
    }

    @Override
    public String modelId() {
        return modelId;
    }

    @Override
    public synchronized Optional<List<ItemIndex.Hit>> recommend(long userId, int k) {
        if (closed) {
            throw new IllegalStateException("this recommender of model " + modelId + " is closed");
        }
        if (k <= 0) {
            throw new IllegalArgumentException("k must be > 0, was " + k);
        }
        return vectors.apply(userId).map(v -> items.search(v, k));
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            onClose.run();
        }
    }
}
