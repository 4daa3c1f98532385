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
import org.pinnerformer.core.eval.MethodResult;
import org.pinnerformer.core.eval.ResultJson;
import org.pinnerformer.core.eval.ResultTable;
import org.pinnerformer.core.pipeline.Experiment;
import org.pinnerformer.core.pipeline.ExperimentOptions;
import org.pinnerformer.spi.Backend;
import org.pinnerformer.spi.Capability;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code pinnerformer evaluate}: evaluates a checkpoint next to the baselines on the evaluation users of the same
 * experiment it was trained in (the same seed gives the same split and item vectors) and prints a Markdown table.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Evaluate a checkpoint and the baselines (Recall@10, P90 coverage@10) on held-out users.")
final class EvaluateCommand implements Callable<Integer> {
    private final Supplier<Backends> backends;

    @Spec
    private CommandSpec spec;

    @Mixin
    private ExperimentArgs args;

    @Option(names = "--checkpoint", paramLabel = "FILE", required = true,
            description = "The checkpoint (safetensors) to evaluate.")
    private Path checkpoint;

    @Option(names = "--seed", paramLabel = "S",
            description = "Seed of the user split and item vectors; must be the training seed (default: the seed "
                    + "recorded in the checkpoint, else 42).")
    private Long seed;

    @Option(names = "--out", paramLabel = "DIR", description = "Also write results.json into this directory.")
    private Path out;

    @Option(names = "--compare-modes", description = "Also compare inference frequencies on the evaluation users: "
            + "one embedding at the cut, one per day computed by the daily batch job, one after every action.")
    private boolean compareModes;

    @Option(names = "--json", description = "Print a JSON summary as the last line of stdout.")
    private boolean json;

    @Option(names = "--no-progress", description = "Do not draw the progress bar on stderr.")
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
            Checkpoint model = Checkpoint.read(checkpoint);
            long s = seed != null ? seed : Commands.recordedSeed(spec, model);
            try (Backend backend = args.open(backends, Capability.INFER)) {
                Experiment experiment = Experiment.prepare(args.load(), model.spec(), ExperimentOptions.defaults(s));
                String name = "pinnerformer/" + model.metadata().getOrDefault(Experiment.OBJECTIVE_KEY, "model");
                List<MethodResult> results = experiment.evaluate(backend, model, name,
                        new ProgressBar(err, !noProgress));
                stdout.print(ResultTable.markdown(results));
                if (compareModes) {
                    List<MethodResult> modes = experiment.compareInferenceModes(backend, model, name,
                            new ProgressBar(err, !noProgress));
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
                            .field("checkpoint", checkpoint.toString()).field("seed", s).results(results));
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
