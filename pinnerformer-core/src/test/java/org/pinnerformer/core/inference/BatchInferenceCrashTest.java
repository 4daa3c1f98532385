package org.pinnerformer.core.inference;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pinnerformer.api.Checkpoint;
import org.pinnerformer.api.ProgressListener;
import org.pinnerformer.core.data.ItemCatalog;
import org.pinnerformer.core.data.Timelines;
import org.pinnerformer.core.store.SnapshotEmbeddingStore;
import org.pinnerformer.core.store.StoreOptions;
import org.pinnerformer.spi.Backend;

/**
 * Kills a forked JVM in the middle of the second day's job and checks that the first day's snapshot is intact and
 * that a rerun publishes the same bytes as an uninterrupted run.
 */
class BatchInferenceCrashTest {
    static final LocalDate DAY1 = LocalDate.of(2026, 3, 1);
    static final LocalDate DAY2 = LocalDate.of(2026, 3, 2);
    static final BatchInferenceOptions OPTIONS = new BatchInferenceOptions(4, 1);

    static DailyInput day2(SnapshotEmbeddingStore store, ItemCatalog catalog, Timelines timelines) {
        return DailyInput.after(DAY2, timelines, catalog, JobFixtures.RUN2, JobFixtures.RUN1,
                store.snapshot(DAY1).orElseThrow());
    }

    private static void day1(Path dir, Backend backend, Checkpoint model, ItemCatalog catalog, Timelines t) {
        try (SnapshotEmbeddingStore store = SnapshotEmbeddingStore.open(dir, StoreOptions.defaults())) {
            new BatchInferenceJob(backend, model, OPTIONS).run(DailyInput.first(DAY1, t, catalog, JobFixtures.RUN1),
                    store, ProgressListener.none());
        }
    }

    private static void day2(Path dir, Backend backend, Checkpoint model, ItemCatalog catalog, Timelines t) {
        try (SnapshotEmbeddingStore store = SnapshotEmbeddingStore.open(dir, StoreOptions.defaults())) {
            new BatchInferenceJob(backend, model, OPTIONS).run(day2(store, catalog, t), store,
                    ProgressListener.none());
        }
    }

    @Test
    void aKilledJobLeavesThePreviousSnapshotIntactAndARerunMatchesAnUninterruptedRun(@TempDir Path tmp)
            throws Exception {
        ItemCatalog catalog = JobFixtures.catalog();
        Timelines t = JobFixtures.timelines(catalog);
        Checkpoint model = JobFixtures.checkpoint(3);
        Path crashed = tmp.resolve("crashed");
        Path clean = tmp.resolve("clean");
        try (Backend backend = JobFixtures.javaBackend()) {
            day1(crashed, backend, model, catalog, t);
            day1(clean, backend, model, catalog, t);
            day2(clean, backend, model, catalog, t);
        }
        Path day1File = crashed.resolve("snapshot-" + DAY1 + ".emb");
        byte[] before = Files.readAllBytes(day1File);

        Path signal = tmp.resolve("first-batch-written");
        String classPath = Stream.of(System.getProperty("jdk.module.path", ""),
                System.getProperty("java.class.path", ""), Path.of("target", "test-classes").toAbsolutePath()
                        .toString())
                .filter(s -> !s.isEmpty()).reduce((a, b) -> a + File.pathSeparator + b).orElseThrow();
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classPath, CrashingJobMain.class.getName(), crashed.toString(), signal.toString());
        pb.redirectErrorStream(true);
        pb.redirectOutput(tmp.resolve("child.log").toFile());
        Process p = pb.start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (!Files.exists(signal) && p.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(Files.exists(signal)).as(() -> "the child signalled; its log: " + log(tmp)).isTrue();
            assertThat(Files.readString(signal)).startsWith("embed 2026-03-02 4/");
        } finally {
            p.destroyForcibly();
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        }

        // The killed run left its spool behind; the published state is exactly day 1.
        try (Stream<Path> files = Files.list(crashed)) {
            List<String> names = files.map(f -> f.getFileName().toString()).sorted().toList();
            assertThat(names).anyMatch(n -> n.startsWith("snapshot-2026-03-02.emb.spool-"));
            assertThat(names).doesNotContain("snapshot-2026-03-02.emb");
        }
        assertThat(Files.readAllBytes(day1File)).isEqualTo(before);
        try (SnapshotEmbeddingStore store = SnapshotEmbeddingStore.open(crashed, StoreOptions.defaults())) {
            assertThat(store.dates()).containsExactly(DAY1);
            assertThat(store.latest().orElseThrow().vector(5000)).isPresent();
        }

        try (Backend backend = JobFixtures.javaBackend()) {
            day2(crashed, backend, model, catalog, t);
        }
        Path name = Path.of("snapshot-" + DAY2 + ".emb");
        assertThat(Files.readAllBytes(crashed.resolve(name))).isEqualTo(Files.readAllBytes(clean.resolve(name)));
        try (Stream<Path> files = Files.list(crashed)) {
            assertThat(files.map(f -> f.getFileName().toString()).sorted())
                    .containsExactly("snapshot-2026-03-01.emb", "snapshot-2026-03-02.emb", "writer.lock");
        }
    }

    private static String log(Path tmp) {
        try {
            return Files.readString(tmp.resolve("child.log"));
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }
}
