package org.pinnerformer.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.pinnerformer.api.Backends;
import org.pinnerformer.api.Checkpoint;
import org.pinnerformer.api.ModelSpec;
import org.pinnerformer.api.ProgressListener;
import org.pinnerformer.core.data.Timelines;
import org.pinnerformer.core.inference.BatchInferenceJob;
import org.pinnerformer.core.inference.BatchInferenceOptions;
import org.pinnerformer.core.inference.BatchInferenceResult;
import org.pinnerformer.core.inference.DailyInput;
import org.pinnerformer.model.ModelInitializer;
import org.pinnerformer.core.store.SnapshotEmbeddingStore;
import org.pinnerformer.core.store.StoreOptions;
import org.pinnerformer.spi.Backend;
import org.pinnerformer.spi.BackendOptions;
import org.pinnerformer.testkit.SyntheticActivity;
import org.pinnerformer.testkit.SyntheticConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code pinnerformer-bench daily}: the daily batch job at scale on synthetic users (testkit generator, reference
 * model size, M = 64): a first full run that embeds every user, then the next day's run that re-embeds only the users
 * active that day and carries everyone else over. Reports users embedded per second end to end (features, encoding,
 * store writes and publish), peak heap, peak RSS and the snapshot's size on disk.
 */
@Command(name = "daily", mixinStandardHelpOptions = true,
        description = "Measure the daily batch job: a full first run, then an incremental next day.")
final class BenchDailyCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--users", paramLabel = "N", defaultValue = "1000000",
            description = "Synthetic users (default: ${DEFAULT-VALUE}).")
    private int users;

    @Option(names = "--items", paramLabel = "N", defaultValue = "20000",
            description = "Synthetic catalogue items (default: ${DEFAULT-VALUE}).")
    private int items;

    @Option(names = "--backend", paramLabel = "NAME", defaultValue = "onnx",
            description = "Inference backend (default: ${DEFAULT-VALUE}).")
    private String backend;

    @Option(names = "--workers", paramLabel = "N", defaultValue = "1",
            description = "Encoding threads of the job, each with its own encoder (default: ${DEFAULT-VALUE}).")
    private int workers;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "2",
            description = "Engine threads per encoder (default: ${DEFAULT-VALUE}).")
    private int threads;

    @Option(names = "--store", paramLabel = "DIR",
            description = "Where to write the snapshots (default: a new temporary directory, deleted afterwards).")
    private Path store;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "42",
            description = "Seed of the data and the model (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Override
    public Integer call() throws IOException {
        BenchChecks.positive(spec, "--users", users);
        BenchChecks.positive(spec, "--items", items);
        BenchChecks.positive(spec, "--workers", workers);
        if (threads < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--threads must be >= 0, was " + threads);
        }
        PrintWriter out = spec.commandLine().getOut();
        boolean temporary = store == null;
        Path dir = temporary ? Files.createTempDirectory("pinnerformer-bench-daily") : store;
        try {
            return run(out, dir);
        } finally {
            if (temporary) {
                delete(dir);
            }
        }
    }

    private int run(PrintWriter out, Path dir) {
        long t0 = System.nanoTime();
        SyntheticConfig config = SyntheticConfig.of(users, items, seed);
        SyntheticActivity activity = new SyntheticActivity(config);
        Timelines timelines = activity.timelines();
        out.printf(Locale.ROOT, "generated %,d users, %,d actions over %.0f days in %.1f s%n", timelines.userCount(),
                timelines.actionCount(), config.days(), (System.nanoTime() - t0) / 1e9);
        out.flush();
        double end = config.startEpochSeconds() + config.days() * 86_400;
        double day1 = Math.floor(end / 86_400) * 86_400 - 86_400;
        double day2 = day1 + 86_400;
        Checkpoint model = ModelInitializer.initialize(ModelSpec.smallPreset(), SyntheticActivity.ACTION_TYPES,
                SyntheticActivity.SURFACES, seed);
        try (Backend b = BatchInferenceJob.openBackend(Backends.discover(), Optional.of(backend),
                BackendOptions.defaults().withThreads(threads));
                SnapshotEmbeddingStore snapshots = SnapshotEmbeddingStore.open(dir, StoreOptions.defaults())) {
            BatchInferenceJob job = new BatchInferenceJob(b, model,
                    BatchInferenceOptions.defaults().withThreads(workers));
            BatchInferenceResult first = job.run(DailyInput.first(date(day1), timelines, activity.catalog(), day1),
                    snapshots, ProgressListener.none());
            report(out, "first run (every user)", first, snapshots.file(first.date()));
            BatchInferenceResult next = job.run(DailyInput.after(date(day2), timelines, activity.catalog(), day2,
                    day1, snapshots.snapshot(first.date()).orElseThrow()), snapshots, ProgressListener.none());
            report(out, "next day (active users only)", next, snapshots.file(next.date()));
        }
        out.printf(Locale.ROOT, "peak heap %,d MiB, peak RSS %s%n", peakHeap() >> 20, peakRss());
        out.flush();
        return 0;
    }

    private static LocalDate date(double epochSeconds) {
        return Instant.ofEpochSecond((long) epochSeconds).atZone(ZoneOffset.UTC).toLocalDate().minusDays(1);
    }

    private static void report(PrintWriter out, String what, BatchInferenceResult r, Path file) {
        long bytes;
        try {
            bytes = Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.printf(Locale.ROOT, "%s, %s on %s: embedded %,d, carried over %,d, failed %d in %.1f s (%,.0f users"
                + " embedded/s end to end); snapshot %,d MiB%n", what, r.date(), r.backend(), r.embedded(),
                r.carriedOver(), r.failed().size(), r.seconds(), r.embedded() / r.seconds(), bytes >> 20);
        out.flush();
    }

    private static long peakHeap() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }

    private static String peakRss() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    long kib = Long.parseLong(line.substring(6).trim().split("\\s+")[0]);
                    return String.format(Locale.ROOT, "%,d MiB", kib >> 10);
                }
            }
        } catch (IOException | RuntimeException e) {
            return "unknown (" + e.getMessage() + ")";
        }
        return "unknown (no VmHWM in /proc/self/status)";
    }

    private static void delete(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
