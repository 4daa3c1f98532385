package org.pinnerformer.bench;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import org.pinnerformer.api.Backends;
import org.pinnerformer.api.Checkpoint;
import org.pinnerformer.api.InferenceBatch;
import org.pinnerformer.api.ModelSpec;
import org.pinnerformer.core.data.Timelines;
import org.pinnerformer.core.features.InferenceBatches;
import org.pinnerformer.core.features.SequenceFeatures;
import org.pinnerformer.model.ModelInitializer;
import org.pinnerformer.spi.Backend;
import org.pinnerformer.spi.BackendOptions;
import org.pinnerformer.spi.Capability;
import org.pinnerformer.spi.UserEncoder;
import org.pinnerformer.testkit.SyntheticActivity;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code pinnerformer-bench infer}: users a second that a backend embeds with the newest-position-only user tower at
 * the reference size (small preset, batch 256, sequences of up to M = 64 actions or {@code --max-length}, from
 * synthetic users with long histories), and the model's arithmetic rate (analytic FLOPs of the newest-only graph).
 */
@Command(name = "infer", mixinStandardHelpOptions = true,
        description = "Measure users embedded per second by a backend at the reference model size.")
final class BenchInferCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--backend", paramLabel = "NAME", defaultValue = "djl",
            description = "Inference backend (default: ${DEFAULT-VALUE}).")
    private String backend;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "0",
            description = "Engine threads; 0 = the backend's default (default: ${DEFAULT-VALUE}).")
    private int threads;

    @Option(names = "--batch-size", paramLabel = "B", defaultValue = "256",
            description = "Users per batch (default: ${DEFAULT-VALUE}).")
    private int batchSize;

    @Option(names = "--warmup", paramLabel = "N", defaultValue = "3",
            description = "Warm-up batches, not measured (default: ${DEFAULT-VALUE}).")
    private int warmup;

    @Option(names = "--batches", paramLabel = "N", defaultValue = "10",
            description = "Measured batches (default: ${DEFAULT-VALUE}).")
    private int batches;

    @Option(names = "--max-length", paramLabel = "M", defaultValue = "64",
            description = "M, the most recent actions the model sees (default: ${DEFAULT-VALUE}, the small preset's);"
                    + " the synthetic users' timelines are made long enough to fill it.")
    private int maxLength;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "42",
            description = "Seed of the data and the model (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Override
    public Integer call() {
        if (batchSize <= 0 || batches <= 0 || maxLength <= 0 || warmup < 0 || threads < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--batch-size, --batches and --max-length must be > 0, --warmup and --threads >= 0");
        }
        return run(spec.commandLine().getOut());
    }

    private int run(PrintWriter out) {
        SyntheticActivity activity = BenchData.activity(batchSize * 2, 20_000, seed, maxLength);
        Timelines timelines = activity.timelines();
        ModelSpec model = ModelSpec.smallPreset().toBuilder().maxSequenceLength(maxLength).build();
        SequenceFeatures features = new SequenceFeatures(model, timelines, activity.catalog());
        InferenceBatch[] inputs = {
            InferenceBatches.latest(features, IntStream.range(0, batchSize).toArray()),
            InferenceBatches.latest(features, IntStream.range(batchSize, 2 * batchSize).toArray())};
        Checkpoint checkpoint = ModelInitializer.initialize(model, SyntheticActivity.ACTION_TYPES,
                SyntheticActivity.SURFACES, seed);
        try (Backend b = Backends.discover().create(backend, BackendOptions.defaults().withThreads(threads),
                Capability.INFER);
                UserEncoder encoder = b.userEncoder(checkpoint)) {
            double[] rates = new double[batches];
            double flops = 0;
            long nanos = 0;
            for (int i = -warmup; i < batches; i++) {
                InferenceBatch batch = inputs[Math.floorMod(i, 2)];
                long t0 = System.nanoTime();
                encoder.encode(batch);
                long t = System.nanoTime() - t0;
                if (i >= 0) {
                    rates[i] = batch.size() / (t / 1e9);
                    nanos += t;
                    flops += newestOnlyFlops(model, batch);
                }
            }
            Arrays.sort(rates);
            double meanLength = IntStream.range(0, inputs[0].size())
                    .map(u -> inputs[0].sequences().validLength(u)).average().orElse(0);
            out.printf(Locale.ROOT, "infer on %s (small preset, newest position only, B=%d, T=%d, %.1f actions per"
                    + " user on average): %d batches after %d warm-up%n", b.name(), batchSize,
                    inputs[0].sequences().length(), meanLength, batches, warmup);
            out.printf(Locale.ROOT, "users/s: median %,.0f, best %,.0f, worst %,.0f%n", rates[batches / 2],
                    rates[batches - 1], rates[0]);
            double achieved = flops / (nanos / 1e9) / 1e9;
            double reference = MatmulReference.gflops(b, 5);
            out.printf(Locale.ROOT, "model arithmetic: %.2f GFLOP/s (analytic) = %.0f%% of %.2f GFLOP/s measured for"
                    + " large matrix products (%d x %d x %d) on the same backend in this run%n", achieved,
                    100 * achieved / reference, reference, MatmulReference.ROWS, MatmulReference.SIZE,
                    MatmulReference.SIZE);
            out.flush();
        }
        return 0;
    }

    /**
     * Multiply-adds x 2 of the newest-only user tower's matrix products: every block but the last on all positions,
     * the last block's key/value projections on all positions and its query, attention, output projection and
     * feed-forward layer on the newest position, then the output head on the newest position.
     */
    static double newestOnlyFlops(ModelSpec m, InferenceBatch batch) {
        double b = batch.size();
        double t = batch.sequences().length();
        double h = m.hiddenSize();
        double fullBlock = 3 * h * h + 2 * t * h + h * h + 8 * h * h;
        double lastBlock = t * 2 * h * h + (h * h + 2 * t * h + h * h + 8 * h * h);
        double perUser = t * m.inputSize() * h + t * (m.layers() - 1) * fullBlock + lastBlock
                + 4 * h * h + 4 * h * m.outputSize();
        return 2 * b * perUser;
    }
}
