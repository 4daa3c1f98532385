package org.pinnerformer.bench;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.pinnerformer.api.ModelSpec;
import org.pinnerformer.api.TrainingBatch;
import org.pinnerformer.api.objective.DenseAllAction;
import org.pinnerformer.api.objective.NegativeSampling;
import org.pinnerformer.api.objective.TrainingOptions;
import org.pinnerformer.core.data.Timelines;
import org.pinnerformer.core.sampling.TrainingBatchSource;
import org.pinnerformer.testkit.SyntheticActivity;
import org.pinnerformer.testkit.SyntheticConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code pinnerformer-bench sample}: how many training sequences a second one thread samples and assembles into
 * {@link TrainingBatch}es (dense all action, the small preset's M = 64 and F = 64, uniform and in-batch negatives
 * with logQ), on seeded synthetic timelines. Warm-up rounds let the JIT compile the hot path first.
 */
@Command(name = "sample", mixinStandardHelpOptions = true,
        description = "Measure training sequences per second sampled and assembled into batches on one thread.")
final class BenchSampleCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--users", paramLabel = "N", defaultValue = "20000",
            description = "Synthetic users (default: ${DEFAULT-VALUE}).")
    private int users;

    @Option(names = "--items", paramLabel = "N", defaultValue = "20000",
            description = "Synthetic catalogue items (default: ${DEFAULT-VALUE}).")
    private int items;

    @Option(names = "--batch-size", paramLabel = "B", defaultValue = "64",
            description = "Sequences per batch (default: ${DEFAULT-VALUE}).")
    private int batchSize;

    @Option(names = "--anchors", paramLabel = "N", defaultValue = "32",
            description = "Dense all-action anchors per sequence (default: ${DEFAULT-VALUE}).")
    private int anchors;

    @Option(names = "--negatives", paramLabel = "R", defaultValue = "1024",
            description = "Uniform negatives per batch (default: ${DEFAULT-VALUE}).")
    private int negatives;

    @Option(names = "--max-length", paramLabel = "M", defaultValue = "64",
            description = "Most recent actions per sequence (default: ${DEFAULT-VALUE}).")
    private int maxLength;

    @Option(names = "--batches", paramLabel = "N", defaultValue = "200",
            description = "Batches per round (default: ${DEFAULT-VALUE}).")
    private int batches;

    @Option(names = "--warmup", paramLabel = "N", defaultValue = "5",
            description = "Warm-up rounds, not measured (default: ${DEFAULT-VALUE}).")
    private int warmup;

    @Option(names = "--rounds", paramLabel = "N", defaultValue = "10",
            description = "Measured rounds (default: ${DEFAULT-VALUE}).")
    private int rounds;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "42",
            description = "Seed of the data and the sampler (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Override
    public Integer call() {
        positive("--users", users);
        positive("--items", items);
        positive("--batch-size", batchSize);
        positive("--anchors", anchors);
        positive("--max-length", maxLength);
        positive("--batches", batches);
        positive("--rounds", rounds);
        if (warmup < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--warmup must be >= 0, was " + warmup);
        }
        if (negatives < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--negatives must be >= 0, was " + negatives);
        }
        return run(spec.commandLine().getOut());
    }

    private int run(PrintWriter out) {
        SyntheticActivity activity = new SyntheticActivity(SyntheticConfig.of(users, items, seed));
        Timelines timelines = activity.timelines();
        ModelSpec model = ModelSpec.smallPreset().toBuilder().maxSequenceLength(maxLength).build();
        TrainingOptions options = TrainingOptions.builder().objective(new DenseAllAction(28, anchors))
                .negatives(new NegativeSampling(4096, negatives, true)).batchSize(batchSize).seed(seed).build();
        int[] all = new int[timelines.userCount()];
        Arrays.setAll(all, u -> u);
        TrainingBatchSource source = new TrainingBatchSource(timelines, activity.catalog(), model, options, all);
        Iterator<TrainingBatch> it = source.iterator();
        double[] rates = new double[rounds];
        long pairs = 0;
        long sequencesPerRound = 0;
        for (int r = -warmup; r < rounds; r++) {
            long sequences = 0;
            long roundPairs = 0;
            long t0 = System.nanoTime();
            for (int b = 0; b < batches; b++) {
                TrainingBatch batch = it.next();
                sequences += batch.sequences().batchSize();
                roundPairs += batch.pairCount();
            }
            long nanos = System.nanoTime() - t0;
            if (r >= 0) {
                rates[r] = sequences / (nanos / 1e9);
                pairs += roundPairs;
                sequencesPerRound = sequences;
            }
        }
        Arrays.sort(rates);
        out.printf(Locale.ROOT, "sample + assemble (dense all action, M=%d, B=%d, %d anchors, R=%d): %,d users,"
                + " %,d actions, %,d sequences per round, %.1f pairs per sequence, %d rounds after %d warm-up,"
                + " one thread%n", maxLength, batchSize, anchors, negatives, source.eligibleUsers().length,
                timelines.actionCount(), sequencesPerRound, (double) pairs / (sequencesPerRound * rounds), rounds,
                warmup);
        out.printf(Locale.ROOT, "sequences/s: median %,.0f, best %,.0f, worst %,.0f%n", rates[rounds / 2],
                rates[rounds - 1], rates[0]);
        out.flush();
        return 0;
    }

    private void positive(String name, int value) {
        if (value <= 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), name + " must be > 0, was " + value);
        }
    }
}
