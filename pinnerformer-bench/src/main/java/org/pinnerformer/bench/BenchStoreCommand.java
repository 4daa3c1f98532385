package org.pinnerformer.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.pinnerformer.api.EmbeddingStore;
import org.pinnerformer.api.PinnerFormerException;
import org.pinnerformer.core.store.SnapshotEmbeddingStore;
import org.pinnerformer.core.store.StoreOptions;
import org.pinnerformer.core.store.VectorEncoding;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code pinnerformer-bench store}: writes a snapshot of {@code --users} random vectors (ids shuffled, so publish
 * must sort), reopens it (which verifies the checksum), and times random lookups of present and absent users on one
 * thread. The page cache is warm: the figures measure the store, not the disk.
 */
@Command(name = "store", mixinStandardHelpOptions = true,
        description = "Measure embedding store write, open and random lookup times on this machine.")
final class BenchStoreCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--dir", paramLabel = "DIR", required = true,
            description = "A directory for the store (a snapshot of users x D floats is written there).")
    private Path dir;

    @Option(names = "--users", paramLabel = "N", defaultValue = "1000000",
            description = "Users in the snapshot (default: ${DEFAULT-VALUE}).")
    private int users;

    @Option(names = "--dim", paramLabel = "D", defaultValue = "64",
            description = "Vector size (default: ${DEFAULT-VALUE}).")
    private int dim;

    @Option(names = "--lookups", paramLabel = "N", defaultValue = "2000000",
            description = "Measured random lookups (default: ${DEFAULT-VALUE}).")
    private int lookups;

    @Option(names = "--float16", description = "Store float16 instead of float32.")
    private boolean float16;

    @Override
    public Integer call() {
        BenchChecks.positive(spec, "--users", users);
        BenchChecks.positive(spec, "--dim", dim);
        BenchChecks.positive(spec, "--lookups", lookups);
        PrintWriter out = spec.commandLine().getOut();
        StoreOptions options = new StoreOptions(float16 ? VectorEncoding.FLOAT16 : VectorEncoding.FLOAT32, 2);
        LocalDate day = LocalDate.of(2026, 1, 1);
        long[] ids = new long[users];
        SplittableRandom r = new SplittableRandom(7);
        for (int i = 0; i < users; i++) {
            ids[i] = 3L * i + 1;
        }
        for (int i = users - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            long t = ids[i];
            ids[i] = ids[j];
            ids[j] = t;
        }
        try (SnapshotEmbeddingStore store = SnapshotEmbeddingStore.open(dir, options)) {
            float[] v = new float[dim];
            long t0 = System.nanoTime();
            try (EmbeddingStore.Writer w = store.writer(day, "bench", dim)) {
                for (long id : ids) {
                    for (int c = 0; c < dim; c++) {
                        v[c] = (float) r.nextDouble(-1, 1);
                    }
                    w.put(id, v);
                }
                w.publish();
            }
            double write = (System.nanoTime() - t0) / 1e9;
            long size = Files.size(store.file(day));
            try (SnapshotEmbeddingStore reader = SnapshotEmbeddingStore.open(dir, options)) {
                long t1 = System.nanoTime();
                EmbeddingStore.Snapshot s = reader.snapshot(day).orElseThrow();
                double open = (System.nanoTime() - t1) / 1e9;
                double[] perLookup = new double[5];
                long found = 0;
                for (int round = -2; round < perLookup.length; round++) {
                    long t2 = System.nanoTime();
                    for (int i = 0; i < lookups; i++) {
                        // Two in three probes hit an id that exists, one misses.
                        long id = r.nextInt(users) * 3L + (i % 3 == 2 ? 2 : 1);
                        if (s.vector(id).isPresent()) {
                            found++;
                        }
                    }
                    if (round >= 0) {
                        perLookup[round] = (System.nanoTime() - t2) / 1e3 / lookups;
                    }
                }
                Arrays.sort(perLookup);
                out.printf(Locale.ROOT, "store %d users x D=%d %s: write+publish %.2f s (%.0f users/s), file %.1f MiB, "
                        + "open+verify %.3f s, random lookup median %.2f us (min %.2f, max %.2f; %d hits)%n",
                        users, dim, options.encoding(), write, users / write, size / 1048576.0, open,
                        perLookup[perLookup.length / 2], perLookup[0], perLookup[perLookup.length - 1], found);
                out.flush();
                return 0;
            }
        } catch (PinnerFormerException | UncheckedIOException e) {
            return BenchChecks.fail(spec.commandLine().getErr(), e);
        } catch (IOException e) {
            return BenchChecks.fail(spec.commandLine().getErr(), new UncheckedIOException(e));
        }
    }
}
