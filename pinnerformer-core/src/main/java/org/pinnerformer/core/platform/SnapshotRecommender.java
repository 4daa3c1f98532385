package org.pinnerformer.core.platform;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.pinnerformer.api.EmbeddingStore;
import org.pinnerformer.api.ItemIndex;
import org.pinnerformer.api.PinnerFormerException;
import org.pinnerformer.core.retrieval.Recommender;
import org.pinnerformer.core.store.SnapshotEmbeddingStore;
import org.pinnerformer.core.store.StoreOptions;

/**
 * Serving: the latest snapshot of a store and a saved item index, checked to be of one model by
 * {@link Recommender#open}. Closing closes both.
 */
final class SnapshotRecommender implements org.pinnerformer.api.Recommender {
    private final SnapshotEmbeddingStore store;
    private final Recommender recommender;
    private volatile boolean closed;

    private SnapshotRecommender(SnapshotEmbeddingStore store, Recommender recommender) {
        this.store = store;
        this.recommender = recommender;
    }

    /**
     * Opens the store and the index.
     *
     * @throws PinnerFormerException if the store directory is missing or has no snapshot
     * @throws org.pinnerformer.api.ModelMismatchException naming both ids if the snapshot and index differ
     */
    static SnapshotRecommender open(Path storeDir, Path indexDir) {
        if (!Files.isDirectory(storeDir)) {
            throw new PinnerFormerException("the embedding store " + storeDir + " does not exist; run the daily job"
                    + " (Model.runDailyJob) to create it");
        }
        SnapshotEmbeddingStore store = SnapshotEmbeddingStore.open(storeDir, StoreOptions.defaults());
        try {
            EmbeddingStore.Snapshot latest = store.latest().orElseThrow(() -> new PinnerFormerException(
                    "the embedding store " + storeDir + " has no published snapshot; run the daily job"
                            + " (Model.runDailyJob) first"));
            return new SnapshotRecommender(store, Recommender.open(latest, indexDir, 1));
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    @Override
    public String modelId() {
        return recommender.modelId();
    }

    @Override
    public Optional<List<ItemIndex.Hit>> recommend(long userId, int k) {
        if (closed) {
            throw new IllegalStateException("this recommender is closed");
        }
        if (k <= 0) {
            throw new IllegalArgumentException("k must be > 0, was " + k);
        }
        return recommender.recommend(userId, k);
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            recommender.close();
        } finally {
            store.close();
        }
    }
}
