package org.pinnerformer.cli;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.pinnerformer.api.Backends;
import org.pinnerformer.api.Checkpoint;
import org.pinnerformer.api.PinnerFormerException;
import org.pinnerformer.core.bundle.ModelBundle;
import org.pinnerformer.core.eval.MethodResult;
import org.pinnerformer.core.eval.ResultJson;
import org.pinnerformer.core.eval.ResultTable;
import org.pinnerformer.core.pipeline.Experiment;
import org.pinnerformer.spi.Backend;
import org.pinnerformer.spi.Capability;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code pinnerformer evaluate}: evaluates a model bundle next to the baselines on the evaluation users of the
 * experiment it was trained in (the seed recorded in the bundle gives the same split; the item vectors are the
 * bundle's, never learned again) and prints a Markdown table. The data must be the data set the bundle was trained
 * on (its content hash is checked).
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Evaluate a model bundle and the baselines (Recall@10, P90 coverage@10) on held-out users.")
final class EvaluateCommand implements Callable<Integer> {
    private final Supplier<Backends> backends;

    @Spec
    private CommandSpec spec;

    @Mixin
    private ExperimentArgs args;

    @Option(names = "--model", paramLabel = "BUNDLE", required = true,
            description = "The model bundle (written by `train` or `quickstart`) to evaluate.")
    private Path model;

    @Option(names = "--out", paramLabel = "DIR", description = "Also write results.json into this directory.")
    private Path out;

    @Option(names = "--compare-modes", description = "Also compare inference frequencies on the evaluation users: "
            + "one embedding at the cut, one per day computed by the daily batch job, one after every action.")
    private boolean compareModes;

    @Option(names = "--json", description = "Print a JSON summary as the last line of stdout.")
    private boolean json;

    @Option(names = "--no-progress",
            description = "No progress on stderr (by default a bar at a terminal, else a plain line now and then).")
    private boolean noProgress;

    EvaluateCommand() {
        this(Backends::discover);
    }

    EvaluateCommand(Supplier<Backends> backends) {
        this.backends = backends;
    }

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (out != null && !Outputs.folder(err, "--out", out)) {
            return 1;
        }
        try {
            ModelBundle bundle = ModelBundle.open(model);
            Checkpoint checkpoint = bundle.checkpoint();
            try (Backend backend = args.open(backends, Capability.INFER)) {
                Experiment experiment = Experiment.forBundle(args.load(), bundle);
                String name = "pinnerformer/" + checkpoint.metadata().getOrDefault(Experiment.OBJECTIVE_KEY, "model");
                List<MethodResult> results = experiment.evaluate(backend, checkpoint, name,
                        ProgressBar.of(err, noProgress));
                stdout.print(ResultTable.markdown(results));
                if (compareModes) {
                    List<MethodResult> modes = experiment.compareInferenceModes(backend, checkpoint, name,
                            ProgressBar.of(err, noProgress));
                    stdout.println();
                    stdout.print(ResultTable.markdown(modes));
                    results = new java.util.ArrayList<>(results);
                    results.addAll(modes);
                }
                if (out != null) {
                    java.nio.file.Files.createDirectories(out);
                    ResultJson.write(out.resolve("results.json"), experiment.evalProtocol(), results);
                    stdout.println("wrote " + out.resolve("results.json"));
                }
                if (json) {
                    stdout.println(new Summary("evaluate").field("backend", backend.name())
                            .field("model", model.toString()).field("model_id", bundle.modelId())
                            .field("seed", experiment.options().seed()).results(results));
                }
                stdout.flush();
                return 0;
            }
        } catch (PinnerFormerException | IllegalArgumentException | UncheckedIOException e) {
            return Commands.fail(err, e);
        } catch (java.io.IOException e) {
            return Commands.fail(err, new UncheckedIOException("could not create " + out, e));
        }
    }
}
