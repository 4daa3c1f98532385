package org.pinnerformer.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.pinnerformer.api.Backends;
import org.pinnerformer.api.IoErrors;
import org.pinnerformer.api.ModelSpec;
import org.pinnerformer.api.PinnerFormerException;
import org.pinnerformer.api.objective.Objective;
import org.pinnerformer.api.objective.TrainingOptions;
import org.pinnerformer.core.bundle.ModelBundle;
import org.pinnerformer.core.data.Dataset;
import org.pinnerformer.core.eval.MethodResult;
import org.pinnerformer.core.pipeline.Experiment;
import org.pinnerformer.core.pipeline.ExperimentResult;
import org.pinnerformer.spi.Backend;
import org.pinnerformer.spi.Capability;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code pinnerformer quickstart}: trains the small preset on the bundled ml-latest-small with the first usable
 * TRAIN backend, evaluates it next to the baselines, prints a Markdown table, and writes {@code results.json},
 * the model bundle ({@code model/}) and PNG plots into {@code --out}.
 */
@Command(name = "quickstart", mixinStandardHelpOptions = true,
        description = "Train on the bundled ml-latest-small, evaluate against the baselines, print a table and "
                + "write results.json, the model bundle and plots.")
final class QuickstartCommand implements Callable<Integer> {
    /** The model bundle's directory name in the output directory. */
    static final String BUNDLE = "model";
    /** The results' file name in the output directory. */
    static final String RESULTS = "results.json";

    private final Supplier<Backends> backends;

    @Spec
    private CommandSpec spec;

    @Mixin
    private ExperimentArgs args;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "quickstart",
            description = "Directory for results.json, the model bundle and the plots (default: ${DEFAULT-VALUE}).")
    private Path out;

    @Option(names = "--objective", paramLabel = "NAME", defaultValue = "all-action",
            converter = ObjectiveConverter.class,
            description = "One of " + ObjectiveConverter.NAMES + " (default: ${DEFAULT-VALUE}: on ml-latest-small,"
                    + " whose users rate in one session, it beat every baseline by 20% or more on seeds 1, 2 and 42,"
                    + " where dense-all-action did not; docs/results.md).")
    private Objective objective;

    @Mixin
    private TrainingArgs trainingArgs;

    @Mixin
    private ItemIdArgs itemIdArgs;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "42",
            description = "Seed of everything (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--json", description = "Print a JSON summary as the last line of stdout.")
    private boolean json;

    @Mixin
    private SplitArgs split;

    @Mixin
    private DropoutArgs dropout;

    @Option(names = "--no-progress",
            description = "No progress on stderr (by default a bar at a terminal, else a plain line now and then).")
    private boolean noProgress;

    QuickstartCommand() {
        this(Backends::discover);
    }

    QuickstartCommand(Supplier<Backends> backends) {
        this.backends = backends;
    }

    @Override
    public Integer call() {
        TrainingOptions training = trainingArgs.options(spec, objective, 28, seed);
        double dropoutRate = dropout.rate(spec);
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!Outputs.folder(err, "--out", out) || !Outputs.bundleFolder(err, "--out", out.resolve(BUNDLE))) {
            return 1;
        }
        try (Backend backend = args.open(backends, Capability.TRAIN, Capability.INFER)) {
            Dataset data = args.load();
            Files.createDirectories(out);
            stdout.printf(Locale.ROOT, "quickstart: %s (%d users, %d items, %d actions), backend %s, %s, %d steps"
                    + " of batch %d, seed %d%n", data.name(), data.timelines().userCount(), data.catalog().size(),
                    data.timelines().actionCount(), backend.name(), training.objective().name(), training.steps(),
                    training.batchSize(), seed);
            stdout.flush();
            ModelSpec modelSpec = itemIdArgs.apply(spec,
                    ModelSpec.smallPreset().toBuilder().dropout(dropoutRate).build(), data.catalog());
            Experiment experiment = Experiment.prepare(data, modelSpec,
                    split.options(seed));
            ProgressBar progress = ProgressBar.of(err, noProgress);
            ExperimentResult result = experiment.run(backend, training, progress, progress);
            Outputs.clearBundle(out.resolve(BUNDLE));
            ModelBundle bundle = experiment.writeBundle(out.resolve(BUNDLE), result.training(), training);
            Files.writeString(out.resolve(RESULTS), result.json());
            List<Path> plots = Plots.write(result, out);
            stdout.println();
            stdout.print(result.markdown());
            stdout.println();
            stdout.printf(Locale.ROOT, "best validation recall@10 %.4f at step %d of %d; wrote %s, %s (model %s) and"
                    + " %s%n", result.training().bestScore(), result.training().bestStep(), result.training().steps(),
                    out.resolve(RESULTS), out.resolve(BUNDLE), bundle.modelId(), plots.stream()
                            .map(p -> p.getFileName().toString()).toList());
            if (json) {
                MethodResult model = result.model();
                stdout.println(new Summary("quickstart").field("backend", backend.name())
                        .field("dataset", data.name()).field("model", result.modelName())
                        .field("steps", result.training().steps()).field("best_step", result.training().bestStep())
                        .field("best_validation_recall", result.training().bestScore())
                        .field("train_seconds", result.training().seconds()).field("recall", model.recall())
                        .field("p90_coverage", model.coverage()).field("out", out.toString())
                        .field("model_id", bundle.modelId())
                        .read(data.report()).results(result.results()));
            }
            stdout.flush();
            return 0;
        } catch (PinnerFormerException | IllegalArgumentException | UnsupportedOperationException
                | UncheckedIOException e) {
            return Commands.fail(err, e);
        } catch (IOException e) {
            return Commands.fail(err, IoErrors.unchecked("could not write into " + out, e));
        }
    }

    /** Fails on a bad value with picocli's usage status. */
    static CommandLine.ParameterException bad(CommandSpec spec, String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }
}
