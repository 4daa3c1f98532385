package org.pinnerformer.bench;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.pinnerformer.api.Backends;
import org.pinnerformer.api.Checkpoint;
import org.pinnerformer.api.ModelSpec;
import org.pinnerformer.api.TrainingBatch;
import org.pinnerformer.api.objective.DenseAllAction;
import org.pinnerformer.api.objective.NegativeSampling;
import org.pinnerformer.api.objective.Objective;
import org.pinnerformer.api.objective.TrainingOptions;
import org.pinnerformer.core.data.Timelines;
import org.pinnerformer.model.ModelInitializer;
import org.pinnerformer.core.sampling.TrainingBatchSource;
import org.pinnerformer.spi.Backend;
import org.pinnerformer.spi.BackendOptions;
import org.pinnerformer.spi.Capability;
import org.pinnerformer.spi.Trainer;
import org.pinnerformer.testkit.SyntheticActivity;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code pinnerformer-bench train}: training sequences per second of a backend at the reference size (small preset:
 * F=64, H=128, L=2, 4 heads, M=64, D=64; batch 64, 8 dense all-action anchors per sequence, 1,024 uniform
 * negatives), with the share of wall time spent sampling and assembling batches in Java, and the model's
 * arithmetic rate (analytic FLOPs of forward + backward, counted as 3x the forward's matrix products).
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Measure training sequences per second of a backend at the reference model size.")
final class BenchTrainCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--backend", paramLabel = "NAME", defaultValue = "djl",
            description = "Training backend (default: ${DEFAULT-VALUE}).")
    private String backend;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "0",
            description = "Engine intra-op threads; 0 = the backend's default (default: ${DEFAULT-VALUE}).")
    private int threads;

    @Option(names = "--users", paramLabel = "N", defaultValue = "5000",
            description = "Synthetic users (default: ${DEFAULT-VALUE}).")
    private int users;

    @Option(names = "--items", paramLabel = "N", defaultValue = "20000",
            description = "Synthetic catalogue items (default: ${DEFAULT-VALUE}).")
    private int items;

    @Option(names = "--batch-size", paramLabel = "B", defaultValue = "64",
            description = "Sequences per batch (default: ${DEFAULT-VALUE}).")
    private int batchSize;

    @Option(names = "--objective", paramLabel = "NAME", defaultValue = "dense-all-action",
            description = "One of " + Objective.NAMES + "; dense-all-action takes --anchors anchors per"
                    + " sequence (default: ${DEFAULT-VALUE}).")
    private String objectiveName;

    @Option(names = "--anchors", paramLabel = "N", defaultValue = "8",
            description = "Dense all-action anchors per sequence (default: ${DEFAULT-VALUE}).")
    private int anchors;

    @Option(names = "--negatives", paramLabel = "R", defaultValue = "1024",
            description = "Uniform negatives per batch (default: ${DEFAULT-VALUE}).")
    private int negatives;

    @Option(names = "--warmup", paramLabel = "N", defaultValue = "5",
            description = "Warm-up steps, not measured (default: ${DEFAULT-VALUE}).")
    private int warmup;

    @Option(names = "--steps", paramLabel = "N", defaultValue = "30",
            description = "Measured steps (default: ${DEFAULT-VALUE}).")
    private int steps;

    @Option(names = "--max-length", paramLabel = "M", defaultValue = "64",
            description = "M, the most recent actions the model sees (default: ${DEFAULT-VALUE}, the small preset's);"
                    + " the synthetic users' timelines are made long enough to fill it.")
    private int maxLength;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "42",
            description = "Seed of the data, the sampler and the model (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Override
    public Integer call() {
        for (int[] v : new int[][] {{users}, {items}, {batchSize}, {anchors}, {steps}, {maxLength}}) {
            if (v[0] <= 0) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--users, --items, --batch-size, --anchors, --steps and --max-length must be > 0");
            }
        }
        if (warmup < 0 || negatives < 0 || threads < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--warmup, --negatives and --threads must be >= 0");
        }
        try {
            Objective.byName(objectiveName, 28);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--objective: " + e.getMessage());
        }
        return run(spec.commandLine().getOut());
    }

    private int run(PrintWriter out) {
        SyntheticActivity activity = BenchData.activity(users, items, seed, maxLength);
        Timelines timelines = activity.timelines();
        ModelSpec model = ModelSpec.smallPreset().toBuilder().maxSequenceLength(maxLength).build();
        Objective objective = Objective.byName(objectiveName, 28);
        if (objective instanceof DenseAllAction) {
            objective = new DenseAllAction(28, anchors);
        }
        TrainingOptions options = TrainingOptions.builder().objective(objective)
                .negatives(new NegativeSampling(4096, negatives, true)).batchSize(batchSize)
                .steps(warmup + steps).seed(seed).build();
        int[] all = new int[timelines.userCount()];
        Arrays.setAll(all, u -> u);
        Iterator<TrainingBatch> batches = new TrainingBatchSource(timelines, activity.catalog(), model, options, all)
                .iterator();
        Checkpoint initial = ModelInitializer.initialize(model, SyntheticActivity.ACTION_TYPES,
                SyntheticActivity.SURFACES, seed);
        try (Backend b = Backends.discover().create(backend, BackendOptions.defaults().withThreads(threads),
                Capability.TRAIN);
                Trainer trainer = b.trainer(initial, options)) {
            long sampleNanos = 0;
            long stepNanos = 0;
            long sequences = 0;
            long pairs = 0;
            double flops = 0;
            for (int s = -warmup; s < steps; s++) {
                long t0 = System.nanoTime();
                TrainingBatch batch = batches.next();
                long t1 = System.nanoTime();
                trainer.step(batch);
                long t2 = System.nanoTime();
                if (s >= 0) {
                    sampleNanos += t1 - t0;
                    stepNanos += t2 - t1;
                    sequences += batch.sequences().batchSize();
                    pairs += batch.pairCount();
                    flops += 3 * forwardFlops(model, batch);
                }
            }
            double seconds = (sampleNanos + stepNanos) / 1e9;
            out.printf(Locale.ROOT, "train on %s (small preset, M=%d, %s, B=%d, %d anchors, R=%d, %.1f pairs per"
                    + " sequence): %d steps after %d warm-up%n", b.name(), maxLength, options.objective().name(),
                    batchSize, anchors, negatives,
                    (double) pairs / sequences, steps, warmup);
            out.printf(Locale.ROOT, "sequences/s: %,.0f%n", sequences / seconds);
            Backends.discover().find(b.name())
                    .ifPresent(p -> out.printf(Locale.ROOT, "engine: %s%n", p.probe().message()));
            out.printf(Locale.ROOT, "share of wall time sampling and assembling batches (Java): %.1f%%%n",
                    100.0 * sampleNanos / (sampleNanos + stepNanos));
            double achieved = flops / (stepNanos / 1e9) / 1e9;
            double reference = MatmulReference.gflops(b, 5);
            out.printf(Locale.ROOT, "model arithmetic: %.2f GFLOP/s (analytic, forward + backward) = %.0f%% of %.2f"
                    + " GFLOP/s measured for large matrix products (%d x %d x %d) on the same backend in this run%n",
                    achieved, 100 * achieved / reference, reference, MatmulReference.ROWS, MatmulReference.SIZE,
                    MatmulReference.SIZE);
            // every FLOP of the step at the rate of a large matrix product, the best case of the engine on this machine:
            // a practical ceiling for any engine running this model here
            out.printf(Locale.ROOT, "ceiling: %,.0f sequences/s if every step ran at the large-product rate%n",
                    reference * 1e9 / (flops / sequences));
            out.flush();
        }
        return 0;
    }

    /**
     * Multiply-adds x 2 of the loss graph's matrix products for one batch (forward only): blocks on every position,
     * the output head on the P pair positions, the item tower on P + R items, and the logits.
     */
    static double forwardFlops(ModelSpec m, TrainingBatch batch) {
        double positions = (double) batch.sequences().batchSize() * batch.sequences().length();
        double t = batch.sequences().length();
        double h = m.hiddenSize();
        double perPosition = m.inputSize() * h
                + m.layers() * (3 * h * h + 2 * t * h + h * h + 8 * h * h);
        double head = batch.pairCount() * (4 * h * h + 4 * h * m.outputSize());
        double items = batch.pairCount() + batch.negatives().count();
        double itemTower = items * (m.itemVectorSize() * h + h * m.outputSize());
        double logits = (double) batch.pairCount() * items * m.outputSize();
        return 2 * (positions * perPosition + head + itemTower + logits);
    }
}
