package org.pinnerformer.core.retrieval;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.pinnerformer.api.EmbeddingStore;
import org.pinnerformer.api.ItemIndex;
import org.pinnerformer.api.ModelMismatchException;

/**
 * The serving lookup: a user's top-K items from the user's vector in a snapshot and an item index, which must come
 * from the same model. Opening refuses a snapshot and an index of different models with a sentence naming both ids,
 * before any search. Closing closes the index (the snapshot stays with its store).
 */
public final class Recommender implements AutoCloseable {
    private final EmbeddingStore.Snapshot snapshot;
    private final ItemIndex index;

    private Recommender(EmbeddingStore.Snapshot snapshot, ItemIndex index) {
        this.snapshot = snapshot;
        this.index = index;
    }

    /**
     * Opens the index saved in {@code indexDir} for the users of {@code snapshot}.
     *
     * @param threads search threads of an exact index
     * @throws ModelMismatchException if the index records another model id than the snapshot
     * @throws org.pinnerformer.api.PinnerFormerException if the directory holds no complete index
     */
    public static Recommender open(EmbeddingStore.Snapshot snapshot, Path indexDir, int threads) {
        Objects.requireNonNull(snapshot, "snapshot");
        Objects.requireNonNull(indexDir, "indexDir");
        ModelMismatchException.requireSame("the snapshot of " + snapshot.date(), snapshot.modelId(),
                "the item index " + indexDir, ItemIndexes.modelIdOf(indexDir));
        ItemIndex index = ItemIndexes.open(indexDir, threads);
        if (index.dimension() != snapshot.dimension()) {
            index.close();
            throw new ModelMismatchException("the snapshot of " + snapshot.date() + " has vectors of dimension "
                    + snapshot.dimension() + " but the item index " + indexDir + " has dimension "
                    + index.dimension());
        }
        return new Recommender(snapshot, index);
    }

    /** The model id both sides share. */
    public String modelId() {
        return snapshot.modelId();
    }

    /** The index. */
    public ItemIndex index() {
        return index;
    }

    /** The user's top {@code k} items, best first, or empty when the user is not in the snapshot. */
    public Optional<List<ItemIndex.Hit>> recommend(long userId, int k) {
        return snapshot.vector(userId).map(v -> index.search(v, k));
    }

    @Override
    public void close() {
        index.close();
    }
}
