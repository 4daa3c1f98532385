package org.pinnerformer.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pinnerformer.api.EmbeddingStore;

class SnapshotEmbeddingStoreTest {
    private static final LocalDate DAY1 = LocalDate.of(2026, 1, 1);
    private static final LocalDate DAY2 = LocalDate.of(2026, 1, 2);

    static float[] vector(long user, int d, long seed) {
        SplittableRandom r = new SplittableRandom(user * 31 + seed);
        float[] v = new float[d];
        for (int c = 0; c < d; c++) {
            v[c] = (float) (r.nextDouble() * 2 - 1);
        }
        return v;
    }

    private static void publish(EmbeddingStore store, LocalDate day, String ckpt, long[] users, int d, long seed) {
        try (EmbeddingStore.Writer w = store.writer(day, ckpt, d)) {
            for (long u : users) {
                w.put(u, vector(u, d, seed));
            }
            w.publish();
        }
    }

    @Test
    void float32RoundTripsExactlyWithHeaderFields(@TempDir Path dir) {
        long[] users = {42, -7, 1_000_000_000_000L, 3, 0};
        try (SnapshotEmbeddingStore store = SnapshotEmbeddingStore.open(dir, StoreOptions.defaults())) {
            assertThat(store.latest()).isEmpty();
            publish(store, DAY1, "ckpt-a", users, 5, 1);
            EmbeddingStore.Snapshot s = store.latest().orElseThrow();
            assertThat(s.date()).isEqualTo(DAY1);
            assertThat(s.modelId()).isEqualTo("ckpt-a");
            assertThat(s.dimension()).isEqualTo(5);
            assertThat(s.size()).isEqualTo(5);
            for (long u : users) {
                assertThat(s.vector(u)).hasValueSatisfying(v -> assertThat(v).containsExactly(vector(u, 5, 1)));
            }
            assertThat(s.vector(41)).isEmpty();
            assertThat(s.vector(Long.MAX_VALUE)).isEmpty();
            IndexedSnapshot indexed = (IndexedSnapshot) s;
            assertThat(new long[] {indexed.userId(0), indexed.userId(1), indexed.userId(4)})
                    .containsExactly(-7, 0, 1_000_000_000_000L);
        }
        // A new store instance on the same directory reads the same file (about 1 header + 5 ids + 25 floats).
        try (SnapshotEmbeddingStore again = SnapshotEmbeddingStore.open(dir, StoreOptions.defaults())) {
            assertThat(again.dates()).containsExactly(DAY1);
            assertThat(again.snapshot(DAY1).orElseThrow().vector(3).orElseThrow()).containsExactly(vector(3, 5, 1));
            assertThat(again.file(DAY1)).hasSize(40 + 8 + 5 * 8 + 5 * 5 * 4 + 4 + 16);
        }
    }

    @Test
    void float16StaysWithinTheDocumentedError(@TempDir Path dir) {
        long[] users = new long[200];
        for (int i = 0; i < users.length; i++) {
            users[i] = i * 13L;
        }
        StoreOptions half = StoreOptions.defaults().withEncoding(VectorEncoding.FLOAT16);
        try (SnapshotEmbeddingStore store = SnapshotEmbeddingStore.open(dir, half)) {
            publish(store, DAY1, "c", users, 16, 5);
            EmbeddingStore.Snapshot s = store.snapshot(DAY1).orElseThrow();
            double worst = 0;
            for (long u : users) {
                float[] want = vector(u, 16, 5);
                float[] got = s.vector(u).orElseThrow();
                for (int c = 0; c < 16; c++) {
                    double bound = Math.abs(want[c]) >= 0x1p-14 ? Math.abs(want[c]) * 0x1p-11 : 0x1p-25;
                    assertThat((double) Math.abs(got[c] - want[c])).isLessThanOrEqualTo(bound);
                    worst = Math.max(worst, Math.abs(got[c] - want[c]) / Math.abs(want[c]));
                }
            }
            // The rounding is real: not everything survives exactly.
            assertThat(worst).isGreaterThan(0x1p-13);
            assertThat(store.file(DAY1)).hasSize(40 + 8 + 200 * 8 + 200 * 16 * 2 + 16);
        }
    }

    @Test
    void float16ConversionMatchesHandComputedValues() {
        assertThat(Half.fromFloat(1f)).isEqualTo((short) 0x3c00);
        assertThat(Half.fromFloat(-2f)).isEqualTo((short) 0xc000);
        assertThat(Half.fromFloat(65504f)).isEqualTo((short) 0x7bff);
        assertThat(Half.fromFloat(0x1p-24f)).isEqualTo((short) 0x0001);
        assertThat(Half.fromFloat(0f)).isEqualTo((short) 0);
        // 1 + 2^-11 is halfway between 1 and 1 + 2^-10: ties to even gives 1.
        assertThat(Half.fromFloat(1f + 0x1p-11f)).isEqualTo((short) 0x3c00);
        assertThat(Half.fromFloat(1f + 3 * 0x1p-11f)).isEqualTo((short) 0x3c02);
        assertThat(Half.toFloat((short) 0x3555)).isEqualTo(0.33325195f);
        assertThat(Half.toFloat((short) 0x0200)).isEqualTo(0x1p-15f);
    }

    @Test
    void rejectsBadVectors(@TempDir Path dir) {
        try (SnapshotEmbeddingStore store = SnapshotEmbeddingStore.open(dir,
                StoreOptions.defaults().withEncoding(VectorEncoding.FLOAT16));
                EmbeddingStore.Writer w = store.writer(DAY1, "c", 2)) {
            assertThatThrownBy(() -> w.put(1, new float[3])).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("the vector of user 1 must have 2 components, had 3");
            assertThatThrownBy(() -> w.put(2, new float[] {0, Float.NaN}))
                    .hasMessage("the vector of user 2 has the non-finite value NaN at component 1");
            assertThatThrownBy(() -> w.put(3, new float[] {70000f, 0}))
                    .hasMessage("the vector of user 3 has the value 70000.0 at component 0, beyond the float16 "
                            + "range of +-65504");
            assertThatThrownBy(() -> store.writer(DAY1, "c", 0)).hasMessage("dimension must be > 0, was 0");
            assertThatThrownBy(() -> new StoreOptions(VectorEncoding.FLOAT32, 0))
                    .hasMessage("retention must be >= 1 snapshot, was 0");
        }
    }

    @Test
    void lastPutOfAUserWinsAndRepublishingADayReplacesIt(@TempDir Path dir) {
        try (SnapshotEmbeddingStore store = SnapshotEmbeddingStore.open(dir, StoreOptions.defaults())) {
            try (EmbeddingStore.Writer w = store.writer(DAY1, "c", 2)) {
                w.put(5, new float[] {1, 2});
                w.put(4, new float[] {0, 0});
                w.put(5, new float[] {3, 4});
                w.publish();
                assertThatThrownBy(w::publish).isInstanceOf(IllegalStateException.class)
                        .hasMessage("the writer of snapshot 2026-01-01 was already published or closed");
            }
            EmbeddingStore.Snapshot first = store.latest().orElseThrow();
            assertThat(first.size()).isEqualTo(2);
            assertThat(first.vector(5).orElseThrow()).containsExactly(3, 4);
            publish(store, DAY1, "d", new long[] {9}, 2, 0);
            EmbeddingStore.Snapshot second = store.latest().orElseThrow();
            assertThat(second.modelId()).isEqualTo("d");
            assertThat(second.vector(5)).isEmpty();
            assertThat(store.dates()).containsExactly(DAY1);
            // The replaced snapshot a reader still holds stays readable.
            assertThat(first.vector(5).orElseThrow()).containsExactly(3, 4);
        }
    }

    @Test
    void anUnpublishedWriterLeavesNothingButTheLockFileBehind(@TempDir Path dir) throws Exception {
        try (SnapshotEmbeddingStore store = SnapshotEmbeddingStore.open(dir, StoreOptions.defaults())) {
            try (EmbeddingStore.Writer w = store.writer(DAY1, "c", 2)) {
                w.put(1, new float[] {1, 1});
            }
            assertThat(store.dates()).isEmpty();
            assertThat(store.latest()).isEmpty();
            try (Stream<Path> files = Files.list(dir)) {
                assertThat(files.map(f -> f.getFileName().toString())).containsExactly("writer.lock");
            }
        }
    }

    @Test
    void leftoversOfACrashedWriterAreIgnoredAndCleanedByTheNextWriterOfThatDay(@TempDir Path dir) throws Exception {
        try (SnapshotEmbeddingStore store = SnapshotEmbeddingStore.open(dir, StoreOptions.defaults())) {
            publish(store, DAY1, "c", new long[] {1}, 2, 0);
            Path torn = dir.resolve("snapshot-2026-01-02.emb.tmp-dead");
            Path spool = dir.resolve("snapshot-2026-01-02.emb.spool-dead");
            Files.write(torn, new byte[] {1, 2, 3});
            Files.write(spool, new byte[] {4, 5});
            assertThat(store.dates()).containsExactly(DAY1);
            assertThat(store.latest().orElseThrow().date()).isEqualTo(DAY1);
            publish(store, DAY2, "c", new long[] {1}, 2, 0);
            assertThat(Files.exists(torn)).isFalse();
            assertThat(Files.exists(spool)).isFalse();
            assertThat(store.dates()).containsExactly(DAY1, DAY2);
        }
    }

    @Test
    void aClosedStoreSaysSo(@TempDir Path dir) {
        SnapshotEmbeddingStore store = SnapshotEmbeddingStore.open(dir, StoreOptions.defaults());
        store.close();
        store.close();
        assertThatThrownBy(store::latest).isInstanceOf(IllegalStateException.class)
                .hasMessage("the embedding store " + dir + " is closed");
    }

    @Test
    void idOrderSortsStablyAndKeepsTheLastRowOfEachId() {
        SplittableRandom r = new SplittableRandom(3);
        for (int n : new int[] {0, 1, 2, 7, 100, 1000}) {
            long[] keys = new long[n];
            for (int i = 0; i < n; i++) {
                keys[i] = r.nextInt(Math.max(1, n / 2)) - n / 4;
            }
            java.util.TreeMap<Long, Integer> last = new java.util.TreeMap<>();
            for (int i = 0; i < n; i++) {
                last.put(keys[i], i);
            }
            assertThat(IdOrder.lastOfEachId(keys, n))
                    .containsExactly(last.values().stream().mapToInt(Integer::intValue).toArray());
        }
    }

    @Test
    void keepsOnlyTheNewestSnapshotsOfTheRetention(@TempDir Path dir) {
        try (SnapshotEmbeddingStore store = SnapshotEmbeddingStore.open(dir,
                StoreOptions.defaults().withRetention(2))) {
            for (int day = 1; day <= 4; day++) {
                publish(store, LocalDate.of(2026, 1, day), "c" + day, new long[] {day}, 3, day);
            }
            assertThat(store.dates()).containsExactly(LocalDate.of(2026, 1, 3), LocalDate.of(2026, 1, 4));
            assertThat(store.snapshot(LocalDate.of(2026, 1, 2))).isEmpty();
            assertThat(store.latest().orElseThrow().modelId()).isEqualTo("c4");
            assertThat(Files.exists(store.file(LocalDate.of(2026, 1, 1)))).isFalse();
        }
        try (InMemoryEmbeddingStore mem = new InMemoryEmbeddingStore(2)) {
            for (int day = 1; day <= 4; day++) {
                publish(mem, LocalDate.of(2026, 1, day), "c" + day, new long[] {day}, 3, day);
            }
            assertThat(mem.dates()).containsExactly(LocalDate.of(2026, 1, 3), LocalDate.of(2026, 1, 4));
        }
    }

    @Test
    void aTruncatedSnapshotIsRefusedWithTheFileName(@TempDir Path dir) throws Exception {
        try (SnapshotEmbeddingStore store = SnapshotEmbeddingStore.open(dir, StoreOptions.defaults())) {
            publish(store, DAY1, "c", new long[] {1, 2, 3}, 4, 0);
        }
        Path file;
        try (SnapshotEmbeddingStore store = SnapshotEmbeddingStore.open(dir, StoreOptions.defaults())) {
            file = store.file(DAY1);
            long size = Files.size(file);
            try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
                raf.setLength(size - 20);
            }
            assertThatThrownBy(() -> store.snapshot(DAY1)).isInstanceOf(CorruptSnapshotException.class)
                    .hasMessage("embedding snapshot " + file + " cannot be used: it is truncated or damaged: the "
                            + "header describes 3 users of dimension 4 in " + size + " bytes, the file has "
                            + (size - 20));
            try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
                raf.setLength(10);
            }
            assertThatThrownBy(store::latest).isInstanceOf(CorruptSnapshotException.class)
                    .hasMessage("embedding snapshot " + file + " cannot be used: it is truncated: 10 bytes is "
                            + "shorter than any snapshot");
        }
    }

    @Test
    void aFlippedByteIsRefusedWithTheFileName(@TempDir Path dir) throws Exception {
        Path file;
        try (SnapshotEmbeddingStore store = SnapshotEmbeddingStore.open(dir, StoreOptions.defaults())) {
            publish(store, DAY1, "c", new long[] {1, 2, 3}, 4, 0);
            file = store.file(DAY1);
        }
        byte[] bytes = Files.readAllBytes(file);
        bytes[100] ^= 0x10; // inside the vectors
        Files.write(file, bytes);
        try (SnapshotEmbeddingStore store = SnapshotEmbeddingStore.open(dir, StoreOptions.defaults())) {
            assertThatThrownBy(() -> store.snapshot(DAY1)).isInstanceOf(CorruptSnapshotException.class)
                    .hasMessageStartingWith("embedding snapshot " + file + " cannot be used: its checksum does "
                            + "not match (recorded ")
                    .hasMessageEndingWith("): the file is damaged");
        }
        bytes[100] ^= 0x10;
        bytes[0] = 'X';
        Files.write(file, bytes);
        try (SnapshotEmbeddingStore store = SnapshotEmbeddingStore.open(dir, StoreOptions.defaults())) {
            assertThatThrownBy(() -> store.snapshot(DAY1)).hasMessage("embedding snapshot " + file
                    + " cannot be used: it is not an embedding snapshot (bad magic number)");
        }
    }

    @Test
    void aWrongVersionAMissingEndMarkerAndAWrongDayAreRefused(@TempDir Path dir) throws Exception {
        Path file;
        try (SnapshotEmbeddingStore store = SnapshotEmbeddingStore.open(dir, StoreOptions.defaults())) {
            publish(store, DAY1, "c", new long[] {1, 2}, 3, 0);
            file = store.file(DAY1);
        }
        byte[] good = Files.readAllBytes(file);
        byte[] bytes = good.clone();
        bytes[8] = 9;
        Files.write(file, bytes);
        try (SnapshotEmbeddingStore store = SnapshotEmbeddingStore.open(dir, StoreOptions.defaults())) {
            assertThatThrownBy(() -> store.snapshot(DAY1)).hasMessage("embedding snapshot " + file
                    + " cannot be used: it has format version 9; this library reads versions 1 and 2");
        }
        bytes = good.clone();
        bytes[bytes.length - 1] = 'X';
        Files.write(file, bytes);
        try (SnapshotEmbeddingStore store = SnapshotEmbeddingStore.open(dir, StoreOptions.defaults())) {
            assertThatThrownBy(() -> store.snapshot(DAY1)).hasMessage("embedding snapshot " + file
                    + " cannot be used: it is truncated or damaged: the end marker is missing");
        }
        Files.write(file, good);
        Path moved = dir.resolve("snapshot-2026-01-02.emb");
        Files.move(file, moved);
        try (SnapshotEmbeddingStore store = SnapshotEmbeddingStore.open(dir, StoreOptions.defaults())) {
            assertThatThrownBy(() -> store.snapshot(DAY2)).isInstanceOf(CorruptSnapshotException.class)
                    .hasMessage("embedding snapshot " + moved + " cannot be used: it records the day 2026-01-01, "
                            + "not 2026-01-02");
        }
    }

    /** Component {@code c} of user {@code u} in snapshot {@code k}: exact in float, so any mix is visible. */
    private static float filled(int k, long u, int c) {
        return k * 100_000 + u * 8 + c;
    }

    private static void checkFilled(EmbeddingStore.Snapshot s, int k, long u, int d) {
        float[] v = s.vector(u).orElseThrow();
        if (v.length != d) {
            throw new AssertionError("snapshot " + s.modelId() + " returned " + v.length + " values for " + u);
        }
        for (int c = 0; c < d; c++) {
            if (v[c] != filled(k, u, c)) {
                throw new AssertionError("snapshot " + s.modelId() + ", user " + u + ", component " + c
                        + ": " + v[c] + " is not " + filled(k, u, c) + " (a mix of snapshots, users or components)");
            }
        }
    }

    @Test
    void eightReadersSeeTheOldOrTheNewSnapshotNeverAMix(@TempDir Path dir) throws Exception {
        int users = 2000;
        int d = 8;
        long[] ids = new long[users];
        for (int i = 0; i < users; i++) {
            ids[i] = i;
        }
        try (SnapshotEmbeddingStore store = SnapshotEmbeddingStore.open(dir,
                StoreOptions.defaults().withRetention(3))) {
            // Snapshot k holds, for user u, component c, the value k * 100000 + 8 u + c (see filled): every
            // vector names its snapshot, user and position, so a torn or misplaced read cannot pass.
            publishFilled(store, 0, ids, d);
            EmbeddingStore.Snapshot first = store.latest().orElseThrow();
            AtomicBoolean stop = new AtomicBoolean();
            ExecutorService pool = Executors.newFixedThreadPool(8);
            List<Future<long[]>> readers = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                long seed = t;
                readers.add(pool.submit(() -> {
                    SplittableRandom r = new SplittableRandom(seed);
                    long reads = 0;
                    int maxSeen = 0;
                    // After the last publish, every reader goes on until it has seen the last snapshot.
                    while (!stop.get() || reads < 1000 || maxSeen < 12) {
                        EmbeddingStore.Snapshot s = store.latest().orElseThrow();
                        int k = Integer.parseInt(s.modelId().substring(1));
                        if (k < maxSeen) {
                            throw new AssertionError("latest() went back from snapshot " + maxSeen + " to " + k);
                        }
                        for (int probe = 0; probe < 20; probe++) {
                            checkFilled(s, k, ids[r.nextInt(users)], d);
                        }
                        // A snapshot held from the start keeps serving its own vectors after retention deletes
                        // its file.
                        checkFilled(first, 0, ids[r.nextInt(users)], d);
                        maxSeen = k;
                        reads++;
                    }
                    return new long[] {reads, maxSeen};
                }));
            }
            for (int k = 1; k <= 12; k++) {
                publishFilled(store, k, ids, d);
            }
            stop.set(true);
            pool.shutdown();
            assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
            for (Future<long[]> f : readers) {
                assertThat(f.get()[0]).isGreaterThanOrEqualTo(1000);
                assertThat(f.get()[1]).isEqualTo(12);
            }
            assertThat(store.latest().orElseThrow().modelId()).isEqualTo("k12");
            assertThat(store.dates()).doesNotContain(DAY1); // the first snapshot's file is gone
            for (long u : ids) {
                checkFilled(first, 0, u, d);
            }
        }
    }

    private static void publishFilled(EmbeddingStore store, int k, long[] ids, int d) {
        // Days alternate between re-publishing one day and adding a new one, so both paths are exercised.
        LocalDate day = DAY1.plusDays(k / 2);
        try (EmbeddingStore.Writer w = store.writer(day, "k" + k, d)) {
            float[] v = new float[d];
            for (long id : ids) {
                for (int c = 0; c < d; c++) {
                    v[c] = filled(k, id, c);
                }
                w.put(id, v);
            }
            w.publish();
        }
    }

    @Test
    void everySingleBitFlipAndTruncationIsRefusedInBothEncodings(@TempDir Path dir) throws Exception {
        SplittableRandom r = new SplittableRandom(2026);
        for (VectorEncoding encoding : VectorEncoding.values()) {
            Path sub = Files.createDirectories(dir.resolve(encoding.name()));
            StoreOptions options = StoreOptions.defaults().withEncoding(encoding);
            try (SnapshotEmbeddingStore store = SnapshotEmbeddingStore.open(sub, options)) {
                publish(store, DAY1, "checkpoint-id", new long[] {5, 9, 12, 40, 41, 1000}, 6, 3);
            }
            Path file = sub.resolve("snapshot-2026-01-01.emb");
            byte[] good = Files.readAllBytes(file);
            for (int c = 0; c < 600; c++) {
                byte[] bad;
                if (c % 3 == 0) {
                    bad = java.util.Arrays.copyOf(good, r.nextInt(good.length));
                } else {
                    bad = good.clone();
                    bad[c % 3 == 1 ? r.nextInt(48) : r.nextInt(good.length)] ^= (byte) (1 << r.nextInt(8));
                }
                Files.write(file, bad);
                try (SnapshotEmbeddingStore store = SnapshotEmbeddingStore.open(sub, options)) {
                    assertThatThrownBy(() -> store.snapshot(DAY1)).as("case %d", c)
                            .isInstanceOf(CorruptSnapshotException.class)
                            .hasMessageStartingWith("embedding snapshot " + file + " cannot be used: ");
                }
            }
        }
    }

    @Test
    void inMemoryStoreRoundTripsAndCountsLastPut() {
        try (InMemoryEmbeddingStore store = new InMemoryEmbeddingStore(3)) {
            publish(store, DAY2, "m", new long[] {8, 1, 8}, 3, 4);
            publish(store, DAY1, "n", new long[] {2}, 3, 4);
            EmbeddingStore.Snapshot s = store.latest().orElseThrow();
            assertThat(s.date()).isEqualTo(DAY2);
            assertThat(s.size()).isEqualTo(2);
            assertThat(s.vector(8).orElseThrow()).containsExactly(vector(8, 3, 4));
            assertThat(store.dates()).containsExactly(DAY1, DAY2);
            assertThatThrownBy(() -> new InMemoryEmbeddingStore(0))
                    .hasMessage("retention must be >= 1 snapshot, was 0");
        }
    }
}
