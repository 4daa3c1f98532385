package org.pinnerformer.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.pinnerformer.api.Backends;
import org.pinnerformer.api.ModelSpec;
import org.pinnerformer.api.PinnerFormerException;
import org.pinnerformer.api.objective.Objective;
import org.pinnerformer.api.objective.TrainingOptions;
import org.pinnerformer.core.data.Dataset;
import org.pinnerformer.core.data.ReadMode;
import org.pinnerformer.core.data.SequenceFile;
import org.pinnerformer.core.eval.LeaveLastOutResult;
import org.pinnerformer.core.pipeline.NextItemExperiment;
import org.pinnerformer.core.pipeline.NextItemOptions;
import org.pinnerformer.core.pipeline.NextItemResult;
import org.pinnerformer.spi.Backend;
import org.pinnerformer.spi.Capability;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code pinnerformer next-item}: the next-item protocol of sequential recommenders on a SASRec-style sequence
 * file ({@link NextItemExperiment}): trains on every user's sequence without its last item, chooses the checkpoint
 * by validation NDCG@10 on the second-last item of 10% of the users, ranks every user's last item against the
 * whole catalogue (history excluded) next to popularity and last-item neighbours, and writes {@code results.json},
 * {@code results.md}, the validation plot and the checkpoint into {@code --out}.
 */
@Command(name = "next-item", mixinStandardHelpOptions = true,
        description = {"Leave-last-out next-item benchmark with full ranking on a sequence file (one line per user: "
                + "the user id, then item ids oldest first).",
                "Writes results.json, results.md, " + NextItemCommand.PLOT + " and " + NextItemCommand.BUNDLE + "/ (the model bundle)"
                        + " into --out; with --json the last line of stdout is a JSON summary whose top level holds "
                        + "the model's recall@10 and ndcg@10."})
final class NextItemCommand implements Callable<Integer> {
    static final String BUNDLE = "model";
    static final String RESULTS = "results.json";
    static final String TABLE = "results.md";
    static final String PLOT = "validation-ndcg.png";

    private final Supplier<Backends> backends;

    @Spec
    private CommandSpec spec;

    @Mixin
    private BackendArgs backendArgs;

    @Option(names = "--sequences", paramLabel = "FILE", required = true,
            description = "The sequence file (whitespace-separated: user id, then item ids oldest first).")
    private Path sequences;

    @Option(names = "--out", paramLabel = "DIR", required = true,
            description = "Directory for results.json, results.md, the plot and the checkpoint.")
    private Path out;

    @Option(names = "--objective", paramLabel = "NAME", defaultValue = "sasrec", converter = ObjectiveConverter.class,
            description = "One of " + ObjectiveConverter.NAMES + " (default: ${DEFAULT-VALUE}).")
    private Objective objective;

    @Option(names = "--item-ids", paramLabel = "MODE", defaultValue = "exact",
            description = "Learned item-id embeddings added to the item content vectors: none; hashed into "
                    + ItemIdArgs.BUCKETS_PER_ITEM + " x the catalogue size buckets; or exact, one row per catalogue"
                    + " item (default: ${DEFAULT-VALUE}).")
    private String itemIds;

    @Option(names = "--content", paramLabel = "MODE", defaultValue = "co-engagement",
            description = "What the model's items carry besides their learned ids: co-engagement, vectors learned"
                    + " from the training actions; or none, zero vectors, so the model knows items by their ids alone"
                    + " (as SASRec; needs --item-ids hashed or exact). The last-item-neighbours baseline uses the"
                    + " co-engagement vectors either way (default: ${DEFAULT-VALUE}).")
    private String content;

    @Mixin
    private DropoutArgs dropout;

    @Option(names = "--max-length", paramLabel = "M", defaultValue = "50",
            description = "The most recent items the model sees (default: ${DEFAULT-VALUE}).")
    private int maxLength;

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "40",
            description = "Passes over the users (default: ${DEFAULT-VALUE}); training may stop earlier (--patience).")
    private int epochs;

    @Option(names = "--batch", paramLabel = "B", defaultValue = "64",
            description = "Sequences per batch (default: ${DEFAULT-VALUE}).")
    private int batch;

    @Option(names = "--lr", paramLabel = "RATE", defaultValue = "1e-3",
            description = "Peak learning rate (default: ${DEFAULT-VALUE}).")
    private double learningRate;

    @Option(names = "--evaluate-every", paramLabel = "N", defaultValue = "0",
            description = "Validation cadence in steps; 0 validates once per epoch (default: ${DEFAULT-VALUE}).")
    private int evaluateEvery;

    @Option(names = "--patience", paramLabel = "N", defaultValue = "10",
            description = "Validations without improvement before stopping; 0 never stops early "
                    + "(default: ${DEFAULT-VALUE}).")
    private int patience;

    @Option(names = "--smoothing", paramLabel = "N", defaultValue = "3",
            description = "Validations averaged into the score that picks the checkpoint and counts towards "
                    + "--patience; 1 uses each validation alone (default: ${DEFAULT-VALUE}).")
    private int smoothing;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "42",
            description = "Seed of the validation users, item vectors, initialisation and sampling "
                    + "(default: ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--lenient", description = "Skip and count bad lines instead of failing on the first one.")
    private boolean lenient;

    @Option(names = "--json", description = "Print a JSON summary as the last line of stdout.")
    private boolean json;

    @Option(names = "--no-progress",
            description = "No progress on stderr (by default a bar at a terminal, else a plain line now and then).")
    private boolean noProgress;

    NextItemCommand() {
        this(Backends::discover);
    }

    NextItemCommand(Supplier<Backends> backends) {
        this.backends = backends;
    }

    @Override
    public Integer call() {
        Commands.positive(spec, "--epochs", epochs);
        Commands.positive(spec, "--max-length", maxLength);
        Commands.positive(spec, "--batch", batch);
        Commands.positive(spec, "--smoothing", smoothing);
        double dropoutRate = dropout.rate(spec);
        if (patience < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--patience must be >= 0, was " + patience);
        }
        if (!itemIds.equals("none") && !itemIds.equals("hashed") && !itemIds.equals("exact")) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--item-ids must be none, hashed or exact,"
                    + " was '" + itemIds + "'");
        }
        if (!content.equals("co-engagement") && !content.equals("none")) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--content must be co-engagement or none,"
                    + " was '" + content + "'");
        }
        if (content.equals("none") && itemIds.equals("none")) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--content none needs --item-ids hashed"
                    + " or exact: with neither, every item would look the same to the model");
        }
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            if (!Outputs.folder(err, "--out", out) || !Outputs.bundleFolder(err, "--out", out.resolve(BUNDLE))) {
                return 1;
            }
            Dataset data = SequenceFile.read(sequences, lenient ? ReadMode.LENIENT : ReadMode.STRICT);
            int usersCount = data.timelines().userCount();
            int stepsPerEpoch = Math.max(1, (usersCount + batch - 1) / batch);
            TrainingOptions training = Commands.trainingOptions(spec, objective, 28, epochs * stepsPerEpoch, batch,
                    learningRate, evaluateEvery == 0 ? stepsPerEpoch : evaluateEvery, seed);
            ModelSpec modelSpec = new ItemIdArgs(itemIds).apply(spec,
                    ModelSpec.smallPreset().toBuilder().maxSequenceLength(maxLength).dropout(dropoutRate).build(),
                    data.catalog());
            try (Backend backend = backendArgs.open(backends, Capability.TRAIN, Capability.INFER)) {
                stdout.printf(Locale.ROOT, "next-item: %s (%d users, %d items, %d actions; %s), backend %s, %s, "
                        + "M=%d, item ids %s, content %s, dropout %s, %d epochs = %d steps of batch %d, seed %d%n",
                        data.name(),
                        usersCount, data.catalog().size(), data.timelines().actionCount(), data.report().summary(),
                        backend.name(), training.objective().name(), maxLength, itemIds, content, dropoutRate, epochs,
                        training.steps(), batch, seed);
                stdout.flush();
                NextItemOptions options = NextItemOptions.defaults(seed).withPatience(patience)
                        .withSmoothing(smoothing).withModelContentVectors(content.equals("co-engagement"));
                NextItemExperiment experiment = NextItemExperiment.prepare(data, modelSpec, options);
                String metric = "ndcg@" + options.k();
                ProgressBar progress = ProgressBar.of(err, noProgress, metric, smoothing);
                NextItemResult result = experiment.run(backend, training, progress);
                Files.createDirectories(out);
                Outputs.clearBundle(out.resolve(BUNDLE));
                experiment.writeBundle(out.resolve(BUNDLE), result.training(), training);
                ObjectNode doc = document(result, backend.name(), training, modelSpec, content, smoothing);
                ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
                Files.writeString(out.resolve(RESULTS), mapper.writeValueAsString(doc) + "\n");
                Files.writeString(out.resolve(TABLE), result.markdown());
                Plots.validation(result.training(), "NDCG@" + result.model().k(), out.resolve(PLOT));
                stdout.println();
                stdout.print(result.markdown());
                stdout.println();
                stdout.printf(Locale.ROOT, "best validation %s %.4f at step %d of %d; wrote %s, %s, %s and %s%n",
                        ProgressBar.bestLabel(metric, smoothing), result.training().bestScore(),
                        result.training().bestStep(), result.training().steps(), out.resolve(RESULTS),
                        out.resolve(TABLE), out.resolve(PLOT), out.resolve(BUNDLE));
                if (json) {
                    stdout.println(new ObjectMapper().writeValueAsString(doc));
                }
                stdout.flush();
                return 0;
            }
        } catch (PinnerFormerException | IllegalArgumentException | UnsupportedOperationException
                | UncheckedIOException e) {
            return Commands.fail(err, e);
        } catch (IOException e) {
            return Commands.fail(err, new UncheckedIOException("could not write into " + out + ": " + e, e));
        }
    }

    /** The results document: the model's recall@K and ndcg@K at the top level, then every row. */
    private static ObjectNode document(NextItemResult result, String backend, TrainingOptions training,
            ModelSpec modelSpec, String content, int smoothing) {
        ObjectMapper mapper = new ObjectMapper();
        LeaveLastOutResult model = result.model();
        int k = model.k();
        ObjectNode doc = mapper.createObjectNode();
        doc.put("command", "next-item");
        doc.put("dataset", result.dataset());
        doc.put("model", result.modelName());
        doc.put("recall@" + k, model.hitRate());
        doc.put("ndcg@" + k, model.ndcg());
        doc.put("recall@1", model.hitRateAt1());
        doc.put("backend", backend);
        doc.put("objective", training.objective().name());
        doc.put("max_length", modelSpec.maxSequenceLength());
        doc.put("item_ids", modelSpec.exactItemIds() ? "exact" : modelSpec.itemIdHashBuckets() > 0 ? "hashed" : "none");
        doc.put("content", content);
        doc.put("item_id_rows", modelSpec.itemIdRows());
        doc.put("dropout", modelSpec.residualDropout());
        doc.put("batch", training.batchSize());
        doc.put("steps", result.training().steps());
        doc.put("best_step", result.training().bestStep());
        doc.put("best_validation_ndcg", result.training().bestScore());
        doc.put("smoothing", smoothing);
        doc.put("stopped_early", result.training().stoppedEarly());
        doc.put("train_seconds", result.training().seconds());
        doc.put("seed", training.seed());
        ArrayNode rows = doc.putArray("results");
        for (LeaveLastOutResult r : result.results()) {
            ObjectNode row = rows.addObject();
            row.put("method", r.method());
            row.put("recall@" + k, r.hitRate());
            row.put("ndcg@" + k, r.ndcg());
            row.put("recall@1", r.hitRateAt1());
            row.put("users", r.users());
            row.put("skipped", r.skipped());
            row.put("seconds", r.seconds());
        }
        return doc;
    }
}
