package org.pinnerformer.core.inference;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import org.pinnerformer.api.Checkpoint;
import org.pinnerformer.core.data.ItemCatalog;
import org.pinnerformer.core.data.Timelines;
import org.pinnerformer.core.store.SnapshotEmbeddingStore;
import org.pinnerformer.core.store.StoreOptions;
import org.pinnerformer.spi.Backend;

/**
 * Run in a forked JVM by {@link BatchInferenceCrashTest}: runs the second day's job on the store in {@code args[0]}
 * and, after the first batch is written, creates {@code args[1]} and waits to be killed.
 */
public final class CrashingJobMain {
    private CrashingJobMain() {
    }

    /** Entry point. */
    public static void main(String[] args) throws Exception {
        Path storeDir = Path.of(args[0]);
        Path signal = Path.of(args[1]);
        ItemCatalog catalog = JobFixtures.catalog();
        Timelines timelines = JobFixtures.timelines(catalog);
        Checkpoint model = JobFixtures.checkpoint(3);
        try (SnapshotEmbeddingStore store = SnapshotEmbeddingStore.open(storeDir, StoreOptions.defaults());
                Backend backend = JobFixtures.javaBackend()) {
            DailyInput input = BatchInferenceCrashTest.day2(store, catalog, timelines);
            new BatchInferenceJob(backend, model, BatchInferenceCrashTest.OPTIONS).run(input, store,
                    (label, done, total) -> {
                        if (done > 0 && done < total) {
                            try {
                                // written aside and moved, so the test never reads a created but still empty file
                                Path partial = signal.resolveSibling(signal.getFileName() + ".partial");
                                Files.writeString(partial, label + " " + done + "/" + total);
                                Files.move(partial, signal, StandardCopyOption.ATOMIC_MOVE);
                                Thread.sleep(120_000);
                            } catch (Exception e) {
                                throw new IllegalStateException(e);
                            }
                        }
                    });
        }
        System.out.println("finished without being killed on " + LocalDate.now());
    }
}
