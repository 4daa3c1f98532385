package org.pinnerformer.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pinnerformer.api.EmbeddingStore;
import org.pinnerformer.api.PinnerFormerException;

/**
 * Store operations that lose nothing: one writer per store (also across processes), no publish that retention
 * would delete at once, and leftovers of killed writers removed and reported.
 */
class StoreOperationsTest {
    private static final LocalDate DAY = LocalDate.of(2026, 1, 5);

    private static void publish(EmbeddingStore store, LocalDate day) {
        try (EmbeddingStore.Writer w = store.writer(day, "c", 2)) {
            w.put(1, new float[] {1, 0});
            w.publish();
        }
    }

    private static String startOf(ProcessHandle p) {
        return p.info().startInstant().map(i -> i.truncatedTo(ChronoUnit.SECONDS).toString()).orElse("unknown");
    }

    @Test
    void aSecondWriterInAnotherProcessFailsAtOnceNamingTheHoldersPidAndStartTime(@TempDir Path tmp)
            throws Exception {
        Path dir = tmp.resolve("store");
        Path signal = tmp.resolve("locked");
        String classPath = Stream.of(System.getProperty("jdk.module.path", ""),
                System.getProperty("java.class.path", ""), Path.of("target", "test-classes").toAbsolutePath()
                        .toString())
                .filter(s -> !s.isEmpty()).reduce((a, b) -> a + File.pathSeparator + b).orElseThrow();
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classPath, LockHoldingMain.class.getName(), dir.toString(), signal.toString());
        pb.redirectErrorStream(true);
        pb.redirectOutput(tmp.resolve("child.log").toFile());
        Process p = pb.start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (!Files.exists(signal) && p.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(Files.exists(signal)).as(() -> "the child signalled; its log: " + log(tmp)).isTrue();
            try (SnapshotEmbeddingStore store = SnapshotEmbeddingStore.open(dir, StoreOptions.defaults())) {
                long started = System.nanoTime();
                assertThatThrownBy(() -> store.writer(DAY.plusDays(1), "c", 2))
                        .isInstanceOf(PinnerFormerException.class)
                        .hasMessageStartingWith("the embedding store " + dir + " has another writer: process "
                                + p.pid() + " (started " + startOf(p.toHandle()) + ") holds its lock "
                                + dir.resolve("writer.lock") + " since ")
                        .hasMessageEndingWith("; a store takes one writer at a time, so wait for that one to "
                                + "finish, or stop it");
                assertThat(System.nanoTime() - started).as("fails at once").isLessThan(TimeUnit.SECONDS.toNanos(5));
                assertThatThrownBy(() -> store.requirePublishable(DAY.plusDays(1)))
                        .hasMessageContaining("process " + p.pid());
                assertThat(store.dates()).isEmpty();
            }
        } finally {
            p.destroyForcibly();
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        }
        // The killed holder's lock went with its process; its spool is removed by the next writer.
        try (SnapshotEmbeddingStore store = SnapshotEmbeddingStore.open(dir, StoreOptions.defaults())) {
            publish(store, DAY.plusDays(1));
            assertThat(store.dates()).containsExactly(DAY.plusDays(1));
            assertThat(store.removedLeftovers()).hasSize(1);
            assertThat(store.removedLeftovers().get(0).getFileName().toString())
                    .startsWith("snapshot-2026-01-05.emb.spool-");
        }
    }

    @Test
    void aSecondWriterInTheSameProcessFailsAndTheLockIsFreeAfterPublishOrClose(@TempDir Path dir) {
        try (SnapshotEmbeddingStore store = SnapshotEmbeddingStore.open(dir, StoreOptions.defaults());
                SnapshotEmbeddingStore other = SnapshotEmbeddingStore.open(dir, StoreOptions.defaults())) {
            try (EmbeddingStore.Writer w = store.writer(DAY, "c", 2)) {
                ProcessHandle self = ProcessHandle.current();
                assertThatThrownBy(() -> other.writer(DAY.plusDays(1), "c", 2))
                        .isInstanceOf(PinnerFormerException.class)
                        .hasMessageStartingWith("the embedding store " + dir + " has another writer: process "
                                + self.pid() + " (started " + startOf(self) + ") holds its lock ");
                assertThatThrownBy(() -> store.writer(DAY, "c", 2)).isInstanceOf(PinnerFormerException.class);
                w.put(1, new float[] {1, 0});
                w.publish();
            }
            publish(other, DAY.plusDays(1));
            other.writer(DAY.plusDays(2), "c", 2).close();
            publish(store, DAY.plusDays(2));
            assertThat(store.dates()).containsExactly(DAY, DAY.plusDays(1), DAY.plusDays(2));
        }
    }

    @Test
    void aBackfillThatRetentionWouldDeleteAtOnceIsRefusedBeforeAnyWork(@TempDir Path dir) throws Exception {
        try (SnapshotEmbeddingStore store = SnapshotEmbeddingStore.open(dir,
                StoreOptions.defaults().withRetention(2))) {
            publish(store, DAY);
            publish(store, DAY.plusDays(1));
            String refused = "cannot publish snapshot 2026-01-04 to the embedding store " + dir + ": it keeps the "
                    + "newest 2 snapshots (2026-01-05, 2026-01-06), so retention would delete 2026-01-04 as soon "
                    + "as it is published; keep more snapshots or publish it into another store";
            assertThatThrownBy(() -> store.writer(DAY.minusDays(1), "c", 2))
                    .isInstanceOf(IllegalArgumentException.class).hasMessage(refused);
            assertThatThrownBy(() -> store.requirePublishable(DAY.minusDays(1)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessage(refused);
            try (Stream<Path> files = Files.list(dir)) {
                assertThat(files.map(f -> f.getFileName().toString()).filter(n -> n.contains(".emb.")))
                        .as("no spool or temporary file was made").isEmpty();
            }
            // Re-publishing a retained day and adding a newer one are fine; so is a backfill within the window.
            publish(store, DAY);
            store.requirePublishable(DAY.plusDays(2));
            publish(store, DAY.plusDays(2));
            assertThat(store.dates()).containsExactly(DAY.plusDays(1), DAY.plusDays(2));
        }
        try (SnapshotEmbeddingStore wide = SnapshotEmbeddingStore.open(dir, StoreOptions.defaults())) {
            publish(wide, DAY.minusDays(1));
            assertThat(wide.dates()).containsExactly(DAY.minusDays(1), DAY.plusDays(1), DAY.plusDays(2));
        }
    }

    @Test
    void leftoverSpoolAndTemporaryFilesOfKilledRunsOfAnyDayAreRemovedAndReported(@TempDir Path dir)
            throws Exception {
        try (SnapshotEmbeddingStore store = SnapshotEmbeddingStore.open(dir, StoreOptions.defaults())) {
            publish(store, DAY);
            Path spool = dir.resolve("snapshot-2026-01-03.emb.spool-dead");
            Path torn = dir.resolve("snapshot-2026-01-04.emb.tmp-dead");
            Path mine = dir.resolve("notes.txt");
            Files.write(spool, new byte[] {4, 5});
            Files.write(torn, new byte[] {1, 2, 3});
            Files.write(mine, new byte[] {7});
            assertThat(store.removedLeftovers()).isEmpty();
            publish(store, DAY.plusDays(1));
            assertThat(Files.exists(spool)).isFalse();
            assertThat(Files.exists(torn)).isFalse();
            assertThat(Files.exists(mine)).as("files that are not the store's stay").isTrue();
            assertThat(store.removedLeftovers()).containsExactlyInAnyOrder(spool, torn);
            assertThat(store.dates()).containsExactly(DAY, DAY.plusDays(1));
            try (Stream<Path> files = Files.list(dir)) {
                assertThat(files.map(f -> f.getFileName().toString()).sorted().toList()).isEqualTo(List.of(
                        "notes.txt", "snapshot-2026-01-05.emb", "snapshot-2026-01-06.emb", "writer.lock"));
            }
        }
    }

    @Test
    void publishedSnapshotsAndTheLockFileGetOrdinaryPermissions(@TempDir Path dir) throws Exception {
        Path reference = Files.createFile(dir.resolve("reference"));
        Path storeDir = dir.resolve("store");
        try (SnapshotEmbeddingStore store = SnapshotEmbeddingStore.open(storeDir, StoreOptions.defaults())) {
            publish(store, DAY);
            assertThat(Files.getPosixFilePermissions(store.file(DAY)))
                    .isEqualTo(Files.getPosixFilePermissions(reference));
            assertThat(Files.getPosixFilePermissions(storeDir.resolve("writer.lock")))
                    .isEqualTo(Files.getPosixFilePermissions(reference));
        }
    }

    @Test
    void aStoreThatCannotBeCreatedSaysWhyEvenAsRoot() {
        // sysfs refuses to create entries for every user, root included: EPERM for a folder (EACCES for a file), or
        // EROFS where /sys is mounted read-only (as in many containers). The tests run as root, which ignores file
        // permissions elsewhere.
        Path sys = Path.of("/sys");
        Path dir = sys.resolve("pinnerformer-test-store");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(sys) && !Files.exists(dir), "a Linux /sys");
        assertThatThrownBy(() -> SnapshotEmbeddingStore.open(dir, StoreOptions.defaults()))
                .isInstanceOf(java.io.UncheckedIOException.class)
                .hasMessageMatching("cannot create embedding store directory " + dir
                        + ": (permission denied|operation not permitted|read-only file system)");
    }

    private static String log(Path tmp) {
        try {
            return Files.readString(tmp.resolve("child.log"));
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }
}
