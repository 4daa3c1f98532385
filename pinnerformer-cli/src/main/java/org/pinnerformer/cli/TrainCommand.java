package org.pinnerformer.cli;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
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
import org.pinnerformer.core.pipeline.Experiment;
import org.pinnerformer.core.train.TrainingResult;
import org.pinnerformer.spi.Backend;
import org.pinnerformer.spi.Capability;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code pinnerformer train}: trains the small preset on a MovieLens directory with a TRAIN backend, keeping the
 * checkpoint with the best validation Recall@10, and writes its model bundle (the checkpoint, the item vectors it was
 * trained with, vocabularies and provenance under one model id), the one input of the serving commands.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train a model on a MovieLens data set and write the model bundle of the checkpoint with the "
                + "best validation Recall@10.")
final class TrainCommand implements Callable<Integer> {
    private final Supplier<Backends> backends;

    @Spec
    private CommandSpec spec;

    @Mixin
    private ExperimentArgs args;

    @Option(names = "--objective", paramLabel = "NAME", defaultValue = "dense-all-action",
            converter = ObjectiveConverter.class,
            description = "One of " + ObjectiveConverter.NAMES + " (default: ${DEFAULT-VALUE}).")
    private Objective objective;

    @Option(names = "--window-days", paramLabel = "K", defaultValue = "28",
            description = "Future window of all-action and dense-all-action, in days (default: ${DEFAULT-VALUE}).")
    private double windowDays;

    @Mixin
    private TrainingArgs trainingArgs;

    @Mixin
    private ItemIdArgs itemIdArgs;

    @Option(names = "--patience", paramLabel = "N", defaultValue = "4",
            description = "Validations without improvement before stopping; 0 never stops early "
                    + "(default: ${DEFAULT-VALUE}).")
    private int patience;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "42",
            description = "Seed of the user split, item vectors, initialisation and sampling "
                    + "(default: ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--out", paramLabel = "DIR", required = true,
            description = "The model bundle directory to create (must be new or empty).")
    private Path out;

    @Option(names = "--json", description = "Print a JSON summary as the last line of stdout.")
    private boolean json;

    @Mixin
    private SplitArgs split;

    @Mixin
    private DropoutArgs dropout;

    @Option(names = "--no-progress",
            description = "No progress on stderr (by default a bar at a terminal, else a plain line now and then).")
    private boolean noProgress;

    TrainCommand() {
        this(Backends::discover);
    }

    TrainCommand(Supplier<Backends> backends) {
        this.backends = backends;
    }

    @Override
    public Integer call() {
        TrainingOptions training = trainingArgs.options(spec, objective, windowDays, seed);
        if (patience < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--patience must be >= 0, was "
                    + patience);
        }
        double dropoutRate = dropout.rate(spec);
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!Outputs.newFolder(err, "--out", out)) {
            return 1;
        }
        try (Backend backend = args.open(backends, Capability.TRAIN, Capability.INFER)) {
            Dataset data = args.load();
            ModelSpec modelSpec = itemIdArgs.apply(spec,
                    ModelSpec.smallPreset().toBuilder().dropout(dropoutRate).build(), data.catalog());
            Experiment experiment = Experiment.prepare(data, modelSpec,
                    split.options(seed).withPatience(patience));
            ProgressBar progress = ProgressBar.of(err, noProgress);
            TrainingResult result = experiment.train(backend, training, progress);
            ModelBundle bundle = experiment.writeBundle(out, result, training);
            stdout.printf(Locale.ROOT, "trained %s on %s with backend %s: %d steps in %.1f s, best validation "
                    + "recall@10 %.4f at step %d; wrote %s (model %s)%n", training.objective().name(), data.name(),
                    backend.name(), result.steps(), result.seconds(), result.bestScore(), result.bestStep(), out,
                    bundle.modelId());
            if (json) {
                stdout.println(new Summary("train").field("backend", backend.name())
                        .field("objective", training.objective().name()).field("steps", result.steps())
                        .field("best_step", result.bestStep()).field("best_validation_recall", result.bestScore())
                        .field("seconds", result.seconds()).field("model", out.toString())
                        .field("model_id", bundle.modelId()).read(data.report()));
            }
            stdout.flush();
            return 0;
        } catch (PinnerFormerException | IllegalArgumentException | UnsupportedOperationException
                | UncheckedIOException e) {
            return Commands.fail(err, e);
        }
    }
}
