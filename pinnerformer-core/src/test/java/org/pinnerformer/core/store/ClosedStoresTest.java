package org.pinnerformer.core.store;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pinnerformer.api.EmbeddingStore;

/** Stores and their writers close twice safely and refuse use after close with a sentence naming them. */
class ClosedStoresTest {
    private static final LocalDate DAY = LocalDate.of(2026, 3, 1);

    private static void check(EmbeddingStore store, String closed) {
        EmbeddingStore.Writer published = store.writer(DAY, "c", 2);
        published.put(1, new float[] {1, 0});
        published.publish();
        published.close();
        EmbeddingStore.Writer abandoned = store.writer(DAY.plusDays(1), "c", 2);
        abandoned.close();
        abandoned.close();
        String writerDone = "the writer of snapshot 2026-03-02 was already published or closed";
        assertThatThrownBy(() -> abandoned.put(2, new float[] {0, 1})).isInstanceOf(IllegalStateException.class)
                .hasMessage(writerDone);
        assertThatThrownBy(abandoned::publish).isInstanceOf(IllegalStateException.class).hasMessage(writerDone);
        store.close();
        store.close();
        assertThatThrownBy(store::latest).isInstanceOf(IllegalStateException.class).hasMessage(closed);
        assertThatThrownBy(store::dates).isInstanceOf(IllegalStateException.class).hasMessage(closed);
        assertThatThrownBy(() -> store.writer(DAY, "c", 2)).isInstanceOf(IllegalStateException.class)
                .hasMessage(closed);
    }

    @Test
    void snapshotStore(@TempDir Path dir) {
        check(SnapshotEmbeddingStore.open(dir, StoreOptions.defaults()), "the embedding store " + dir + " is closed");
    }

    @Test
    void inMemoryStore() {
        check(new InMemoryEmbeddingStore(3), "the in-memory embedding store is closed");
    }
}
