package org.pinnerformer.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.pinnerformer.api.ItemIndex.Hit;
import org.pinnerformer.api.PinnerFormerException;
import org.pinnerformer.core.data.ItemVectors;
import org.pinnerformer.core.retrieval.ExactItemIndex;
import org.pinnerformer.core.retrieval.HnswItemIndex;
import org.pinnerformer.core.retrieval.HnswOptions;
import org.pinnerformer.testkit.ClusteredVectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code pinnerformer-bench index}: builds an HNSW index over seeded clustered unit vectors and reports build time,
 * queries per second, p50/p99 latency and Recall@K against the exact index, on queries near the items (like user
 * embeddings). Latencies are of sequential single-thread searches after one warm-up pass; the thread's CPU time
 * per search is reported too, as wall-clock tails on a shared machine include time the thread was not running.
 */
@Command(name = "index", mixinStandardHelpOptions = true,
        description = "Measure HNSW build time, latency, throughput and Recall@K against exact search.")
final class BenchIndexCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--items", paramLabel = "N", defaultValue = "100000",
            description = "Synthetic items (default: ${DEFAULT-VALUE}).")
    private int items;

    @Option(names = "--dim", paramLabel = "D", defaultValue = "64",
            description = "Vector dimension (default: ${DEFAULT-VALUE}).")
    private int dim;

    @Option(names = "--clusters", paramLabel = "C", defaultValue = "0",
            description = "Clusters; 0 for one per 100 items (default: ${DEFAULT-VALUE}).")
    private int clusters;

    @Option(names = "--spread", paramLabel = "S", defaultValue = "0.3",
            description = "Norm of an item's offset from its cluster centre (default: ${DEFAULT-VALUE}).")
    private double spread;

    @Option(names = "--query-noise", paramLabel = "S", defaultValue = "0.5",
            description = "Norm of a query's offset from a random item (default: ${DEFAULT-VALUE}).")
    private double queryNoise;

    @Option(names = "--queries", paramLabel = "Q", defaultValue = "500",
            description = "Queries (default: ${DEFAULT-VALUE}).")
    private int queries;

    @Option(names = "--top-k", paramLabel = "K", defaultValue = "10", description = "K (default: ${DEFAULT-VALUE}).")
    private int k;

    @Option(names = "--hnsw-m", paramLabel = "M", defaultValue = "" + HnswOptions.DEFAULT_MAX_CONNECTIONS,
            description = "HNSW max connections (default: ${DEFAULT-VALUE}).")
    private int m;

    @Option(names = "--beam-width", paramLabel = "B", defaultValue = "" + HnswOptions.DEFAULT_BEAM_WIDTH,
            description = "HNSW beam width at build time (default: ${DEFAULT-VALUE}).")
    private int beamWidth;

    @Option(names = "--ef", paramLabel = "EF", split = ",", defaultValue = "" + HnswOptions.DEFAULT_EF_SEARCH,
            description = "ef at search time; a comma-separated list measures each (default: ${DEFAULT-VALUE}).")
    private int[] ef;

    @Option(names = "--build-threads", paramLabel = "N", defaultValue = "1",
            description = "Build threads; 0 for one per processor (default: ${DEFAULT-VALUE}).")
    private int buildThreads;

    @Option(names = "--dir", paramLabel = "DIR",
            description = "Where to build the index (must be new or empty; default: a temporary directory, deleted).")
    private Path dir;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "42", description = "Seed (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Override
    public Integer call() {
        BenchChecks.positive(spec, "--items", items);
        BenchChecks.positive(spec, "--dim", dim);
        BenchChecks.positive(spec, "--queries", queries);
        BenchChecks.positive(spec, "--top-k", k);
        BenchChecks.positive(spec, "--hnsw-m", m);
        BenchChecks.positive(spec, "--beam-width", beamWidth);
        for (int e : ef) {
            BenchChecks.positive(spec, "--ef", e);
        }
        if (clusters < 0 || buildThreads < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--clusters and --build-threads must be >= 0, were " + clusters + " and " + buildThreads);
        }
        PrintWriter out = spec.commandLine().getOut();
        try {
            return run(out);
        } catch (PinnerFormerException | IllegalArgumentException | UncheckedIOException e) {
            return BenchChecks.fail(spec.commandLine().getErr(), e);
        }
    }

    private int run(PrintWriter out) {
        int processors = Runtime.getRuntime().availableProcessors();
        int threads = buildThreads == 0 ? processors : buildThreads;
        int c = clusters == 0 ? Math.max(1, items / 100) : clusters;
        ItemVectors space = ClusteredVectors.items(items, dim, c, spread, seed);
        float[] q = ClusteredVectors.queriesNear(space, queries, queryNoise, seed + 1);
        out.printf(Locale.ROOT, "bench index: %,d items x D=%d in %,d clusters (spread %.2f), %d queries (noise %.2f),"
                + " K=%d, %d processors%n", items, dim, c, spread, queries, queryNoise, k, processors);
        out.flush();

        long t0 = System.nanoTime();
        List<Set<Long>> truth;
        try (ExactItemIndex exact = ExactItemIndex.of(space, processors)) {
            truth = IntStream.range(0, queries).mapToObj(i -> ids(exact.search(row(q, i), k))).toList();
        }
        double exactUs = (System.nanoTime() - t0) / 1e3 / queries;
        out.printf(Locale.ROOT, "exact (%d threads a query): %.0f us/query%n", processors, exactUs);
        out.flush();

        Path target = dir;
        boolean temporary = target == null;
        try {
            if (temporary) {
                target = Files.createTempDirectory("pinnerformer-bench-index");
            }
            HnswOptions options = new HnswOptions(m, beamWidth, ef[0], threads);
            long b0 = System.nanoTime();
            HnswItemIndex built = HnswItemIndex.build(space, "bench (synthetic vectors)", options, target);
            double buildS = (System.nanoTime() - b0) / 1e9;
            built.close();
            out.printf(Locale.ROOT, "hnsw build (M=%d, beam width %d, %d threads): %.1f s, %,.0f items/s, %.1f MiB on"
                    + " disk%n", m, beamWidth, threads, buildS, items / buildS, sizeMiB(target));
            out.flush();
            for (int e : ef) {
                try (HnswItemIndex index = HnswItemIndex.open(target, e)) {
                    measure(out, index, q, truth, processors);
                }
            }
            return 0;
        } catch (IOException e) {
            throw new UncheckedIOException("could not create a temporary directory", e);
        } finally {
            if (temporary && target != null) {
                deleteRecursively(target);
            }
        }
    }

    private void measure(PrintWriter out, HnswItemIndex index, float[] q, List<Set<Long>> truth, int processors) {
        for (int i = 0; i < queries; i++) {
            index.search(row(q, i), k); // warm-up
        }
        long[] nanos = new long[queries];
        long[] cpu = new long[queries];
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        boolean cpuTime = threads.isCurrentThreadCpuTimeSupported();
        long found = 0;
        for (int i = 0; i < queries; i++) {
            float[] query = row(q, i);
            long c = cpuTime ? threads.getCurrentThreadCpuTime() : 0;
            long s = System.nanoTime();
            List<Hit> hits = index.search(query, k);
            nanos[i] = System.nanoTime() - s;
            cpu[i] = cpuTime ? threads.getCurrentThreadCpuTime() - c : 0;
            for (Hit h : hits) {
                if (truth.get(i).contains(h.itemId())) {
                    found++;
                }
            }
        }
        long total = Arrays.stream(nanos).sum();
        Arrays.sort(nanos);
        Arrays.sort(cpu);
        AtomicInteger next = new AtomicInteger();
        long p0 = System.nanoTime();
        IntStream.range(0, processors).parallel().forEach(t -> {
            for (int i = next.getAndIncrement(); i < queries; i = next.getAndIncrement()) {
                index.search(row(q, i), k);
            }
        });
        double parallelQps = queries / ((System.nanoTime() - p0) / 1e9);
        out.printf(Locale.ROOT, "hnsw ef=%d: Recall@%d %.4f, p50 %.0f us, p99 %.0f us, mean %.0f us, %,.0f queries/s"
                + " on 1 thread, %,.0f queries/s on %d threads; thread CPU time p50 %.0f us, p99 %.0f us%n",
                index.efSearch(), k, (double) found / ((long) queries * Math.min(k, items)),
                percentile(nanos, 0.50) / 1e3, percentile(nanos, 0.99) / 1e3, total / 1e3 / queries,
                queries / (total / 1e9), parallelQps, processors, percentile(cpu, 0.50) / 1e3,
                percentile(cpu, 0.99) / 1e3);
        out.flush();
    }

    private static double percentile(long[] sorted, double p) {
        int i = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    private float[] row(float[] q, int i) {
        return Arrays.copyOfRange(q, i * dim, (i + 1) * dim);
    }

    private static Set<Long> ids(List<Hit> hits) {
        Set<Long> s = new HashSet<>();
        hits.forEach(h -> s.add(h.itemId()));
        return s;
    }

    private static double sizeMiB(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.mapToLong(f -> f.toFile().length()).sum() / (1024.0 * 1024.0);
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(f);
            }
        } catch (IOException e) {
            // best effort for a temporary directory
        }
    }
}
