package org.pinnerformer.core.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import org.pinnerformer.api.EmbeddingStore;

/**
 * Run in a forked JVM by {@link StoreOperationsTest}: opens a writer of the store in {@code args[0]}, puts one
 * vector, creates {@code args[1]} and waits to be killed, holding the store's writer lock.
 */
public final class LockHoldingMain {
    private LockHoldingMain() {
    }

    /** Entry point. */
    public static void main(String[] args) throws Exception {
        Path signal = Path.of(args[1]);
        try (SnapshotEmbeddingStore store = SnapshotEmbeddingStore.open(Path.of(args[0]), StoreOptions.defaults());
                EmbeddingStore.Writer w = store.writer(LocalDate.of(2026, 1, 5), "c", 2)) {
            w.put(1, new float[] {1, 0});
            Path partial = signal.resolveSibling(signal.getFileName() + ".partial");
            Files.writeString(partial, "writing");
            Files.move(partial, signal, StandardCopyOption.ATOMIC_MOVE);
            Thread.sleep(120_000);
        }
    }
}
