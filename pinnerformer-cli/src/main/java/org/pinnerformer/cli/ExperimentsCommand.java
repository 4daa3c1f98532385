package org.pinnerformer.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import org.pinnerformer.api.Backends;
import org.pinnerformer.api.IoErrors;
import org.pinnerformer.api.ModelSpec;
import org.pinnerformer.api.PinnerFormerException;
import org.pinnerformer.api.objective.AllAction;
import org.pinnerformer.api.objective.DenseAllAction;
import org.pinnerformer.api.objective.NextAction;
import org.pinnerformer.api.objective.Objective;
import org.pinnerformer.api.objective.SasRec;
import org.pinnerformer.api.objective.TrainingOptions;
import org.pinnerformer.core.data.Dataset;
import org.pinnerformer.core.data.ItemCatalog;
import org.pinnerformer.core.data.MovieLens;
import org.pinnerformer.core.eval.Baselines;
import org.pinnerformer.core.eval.MethodResult;
import org.pinnerformer.core.pipeline.Experiment;
import org.pinnerformer.core.pipeline.ExperimentOptions;
import org.pinnerformer.core.pipeline.ExperimentResult;
import org.pinnerformer.spi.Backend;
import org.pinnerformer.spi.Capability;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code pinnerformer experiments}: the paper's objective table and the leave-one-feature-out ablations on
 * MovieLens, several seeds per data set, written into the generated part of {@code docs/results.md}. Every run
 * uses the quick start's protocol ({@link ExperimentOptions#defaults}, the small preset, the same training
 * budget); only the objective or one input feature changes.
 */
@Command(name = "experiments", mixinStandardHelpOptions = true,
        description = "Train and evaluate every objective and ablation on MovieLens over several seeds and write "
                + "the tables into docs/results.md.")
final class ExperimentsCommand implements Callable<Integer> {

    /**
     * One trained row: its name, kind, objective and how it changes the small preset (given the data set's
     * catalogue, which exact item ids need).
     */
    record Variant(String name, String kind, Objective objective,
            BiFunction<ModelSpec.Builder, ItemCatalog, ModelSpec.Builder> spec) {
        /** The objective's label window in days (28 for the objectives without one, which ignore it). */
        double windowDays() {
            if (objective instanceof AllAction a) {
                return a.windowDays();
            }
            return objective instanceof DenseAllAction d ? d.windowDays() : 28;
        }

        ModelSpec modelSpec(ItemCatalog catalog) {
            return spec.apply(ModelSpec.smallPreset().toBuilder(), catalog).build();
        }
    }

    /**
     * The objective rows (paper Table 2), the ablations of the dense all-action 28-day model (Table 4), and the two
     * additions of issue #17 isolated on the same model (exact item ids, dropout).
     */
    static final List<Variant> VARIANTS = List.of(
            new Variant("next-action", "objective", new NextAction(), (b, c) -> b),
            new Variant("sasrec", "objective", new SasRec(), (b, c) -> b),
            new Variant("all-action-28d", "objective", new AllAction(28, 32), (b, c) -> b),
            new Variant("dense-all-action-14d", "objective", new DenseAllAction(14, 32), (b, c) -> b),
            new Variant("dense-all-action-28d", "objective", new DenseAllAction(28, 32), (b, c) -> b),
            new Variant("dense-28d - time features", "ablation", new DenseAllAction(28, 32),
                    (b, c) -> b.timeFeatures(false)),
            new Variant("dense-28d - action type", "ablation", new DenseAllAction(28, 32),
                    (b, c) -> b.actionEmbeddingSize(0)),
            new Variant("dense-28d - positional encoding", "ablation", new DenseAllAction(28, 32),
                    (b, c) -> b.positionEmbedding(false)),
            new Variant("dense-28d + exact item ids", "addition", new DenseAllAction(28, 32),
                    (b, c) -> b.exactItemIds(ItemIdArgs.exactVocabulary(c))),
            new Variant("dense-28d + dropout 0.2", "addition", new DenseAllAction(28, 32),
                    (b, c) -> b.dropout(0.2)));

    private final Supplier<Backends> backends;

    @Spec
    private CommandSpec spec;

    @Option(names = "--ml-latest-small", paramLabel = "DIR", defaultValue = ExperimentArgs.BUNDLED_DATA,
            description = "MovieLens ml-latest-small directory (default: ${DEFAULT-VALUE}).")
    private Path latestSmall;

    @Option(names = "--ml-100k", paramLabel = "DIR", defaultValue = "../shared/data/ml-100k",
            description = "MovieLens ml-100k directory (u.data, u.item); read in place, never copied "
                    + "(default: ${DEFAULT-VALUE}).")
    private Path ml100k;

    @Option(names = "--datasets", paramLabel = "NAME", split = ",", defaultValue = "ml-latest-small,ml-100k",
            description = "Data sets to run: ml-latest-small, ml-100k (default: ${DEFAULT-VALUE}).")
    private List<String> datasets;

    @Option(names = "--seeds", paramLabel = "S", split = ",", defaultValue = "1,2,3",
            description = "Seeds; each seed draws its own user split, item vectors, initial model and batches "
                    + "(default: ${DEFAULT-VALUE}).")
    private List<Long> seeds;

    @Option(names = "--variants", paramLabel = "NAME", split = ",",
            description = "Rows to train (default: all): next-action, sasrec, all-action-28d, dense-all-action-14d,"
                    + " dense-all-action-28d, the three 'dense-28d - ...' ablations and the two 'dense-28d + ...'"
                    + " additions.")
    private List<String> variants;

    @Option(names = "--steps", paramLabel = "N", defaultValue = "" + TrainingOptions.DEFAULT_STEPS,
            description = "Optimiser steps per run, as the quick start (default: ${DEFAULT-VALUE}).")
    private int steps;

    @Mixin
    private BackendArgs backendArgs;

    @Option(names = "--out", paramLabel = "FILE", defaultValue = "docs/results.md",
            description = "Results file; only the part between its generated markers is replaced "
                    + "(default: ${DEFAULT-VALUE}).")
    private Path out;

    @Mixin
    private SplitArgs split;

    @Option(names = "--no-progress",
            description = "No progress on stderr (by default a bar at a terminal, else a plain line now and then).")
    private boolean noProgress;

    ExperimentsCommand() {
        this(Backends::discover);
    }

    ExperimentsCommand(Supplier<Backends> backends) {
        this.backends = backends;
    }

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<Variant> chosen = chosenVariants();
        Commands.positive(spec, "--steps", steps);
        long start = System.nanoTime();
        ExperimentsReport report = new ExperimentsReport();
        try (Backend b = backendArgs.open(backends, Capability.TRAIN, Capability.INFER)) {
            for (String name : datasets) {
                Dataset data = load(name);
                for (long seed : seeds) {
                    boolean baselinesDone = false;
                    for (Variant v : chosen) {
                        stdout.printf(Locale.ROOT, "%s seed %d: %s ...%n", data.name(), seed, v.name());
                        stdout.flush();
                        Experiment experiment = Experiment.prepare(data, v.modelSpec(data.catalog()),
                                split.options(seed));
                        TrainingOptions training = Commands.trainingOptions(spec, v.objective(), v.windowDays(),
                                steps, 64, 1e-3, 25, seed);
                        ProgressBar progress = ProgressBar.of(err, noProgress);
                        ExperimentResult r = experiment.run(b, training, progress, progress);
                        MethodResult model = r.model();
                        report.add(new ExperimentsReport.Cell(name, v.kind(), v.name(), seed, model,
                                r.training().bestStep(), r.training().seconds()));
                        stdout.printf(Locale.ROOT, "%s seed %d: %s Recall@%d %.4f (kept step %d of %d, %.0f s)%n",
                                name, seed, v.name(), model.k(), model.recall(), r.training().bestStep(),
                                r.training().steps(), r.training().seconds());
                        if (!baselinesDone) {
                            for (MethodResult m : r.results().subList(1, r.results().size())) {
                                report.add(new ExperimentsReport.Cell(name, "baseline", m.method(), seed, m, -1, 0));
                            }
                            baselinesDone = true;
                        }
                    }
                }
            }
            String recentMean = "recent-mean-" + ExperimentOptions.defaults(0).recentItems();
            String tables = header(b.name(), (System.nanoTime() - start) / 1e9)
                    + report.markdown(Baselines.POPULARITY, recentMean);
            String existing = Files.isRegularFile(out) ? Files.readString(out) : "";
            if (out.toAbsolutePath().getParent() != null) {
                Files.createDirectories(out.toAbsolutePath().getParent());
            }
            Files.writeString(out, ExperimentsReport.merge(existing, tables));
            stdout.println();
            stdout.print(tables);
            stdout.println("wrote " + out);
            stdout.flush();
            return 0;
        } catch (PinnerFormerException | IllegalArgumentException | UnsupportedOperationException
                | UncheckedIOException e) {
            return Commands.fail(err, e);
        } catch (IOException e) {
            return Commands.fail(err, IoErrors.unchecked("could not write " + out, e));
        }
    }

    private List<Variant> chosenVariants() {
        if (variants == null || variants.isEmpty()) {
            return VARIANTS;
        }
        List<Variant> out = new ArrayList<>();
        for (String name : variants) {
            out.add(VARIANTS.stream().filter(v -> v.name().equals(name.trim())).findFirst()
                    .orElseThrow(() -> QuickstartCommand.bad(spec, "unknown variant '" + name + "'; expected one of "
                            + VARIANTS.stream().map(Variant::name).toList())));
        }
        return out;
    }

    private Dataset load(String name) {
        return switch (name.trim()) {
            case "ml-latest-small" -> {
                require(latestSmall, "ratings.csv", "--ml-latest-small");
                yield MovieLens.latestSmall(latestSmall);
            }
            case "ml-100k" -> {
                require(ml100k, "u.data", "--ml-100k");
                yield MovieLens.ml100k(ml100k);
            }
            default -> throw QuickstartCommand.bad(spec, "unknown data set '" + name
                    + "'; expected ml-latest-small or ml-100k");
        };
    }

    private static void require(Path dir, String file, String option) {
        if (!Files.isRegularFile(dir.resolve(file))) {
            throw new PinnerFormerException("cannot read " + dir + ": it has no " + file + "; pass " + option
                    + " DIR");
        }
    }

    private String header(String backendName, double seconds) {
        return String.format(Locale.ROOT, "Generated on %s by `pinnerformer experiments --datasets %s --seeds %s"
                + " --steps %d%s` with backend %s in %.0f minutes, %s. Model: the small preset (F=64, H=128, L=2, 4 heads,"
                + " M=64, D=64); each run trains with batch 64, peak learning rate 1e-3 and validation every 25 steps,"
                + " keeps the checkpoint with the best validation Recall@10 and stops after 4 validations without"
                + " improvement. Cells are mean ± sample standard deviation over the seeds; \"vs\" columns compare"
                + " mean Recall@10.%n%n", LocalDate.now(), String.join(",", datasets),
                String.join(",", seeds.stream().map(String::valueOf).toList()), steps,
                split.strict ? " --strict-split" : "", backendName, seconds / 60, split.strict
                        ? "strict split (20% evaluation users never trained on, 10% validation users)"
                        : "default split (every user's actions before that user's cut, 30% validation users)");
    }
}
