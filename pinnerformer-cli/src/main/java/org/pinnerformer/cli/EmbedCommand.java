package org.pinnerformer.cli;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.pinnerformer.api.Backends;
import org.pinnerformer.api.EmbeddingStore;
import org.pinnerformer.api.PinnerFormerException;
import org.pinnerformer.core.bundle.ModelBundle;
import org.pinnerformer.core.data.Dataset;
import org.pinnerformer.core.bundle.ServingData;
import org.pinnerformer.core.inference.BatchInferenceJob;
import org.pinnerformer.core.inference.BatchInferenceOptions;
import org.pinnerformer.core.inference.BatchInferenceResult;
import org.pinnerformer.core.inference.DailyInput;
import org.pinnerformer.core.inference.EmbedFailure;
import org.pinnerformer.core.store.SnapshotEmbeddingStore;
import org.pinnerformer.core.store.StoreOptions;
import org.pinnerformer.core.store.VectorEncoding;
import org.pinnerformer.spi.Backend;
import org.pinnerformer.spi.BackendOptions;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code pinnerformer embed}: the daily batch job on a MovieLens directory. The run sees every action up to the end
 * of {@code --date} (UTC); users with an action since the previous run are embedded, the others keep the vector of
 * the newest earlier snapshot in the store; the day's snapshot is published atomically and records the bundle's model
 * id. Users' actions are featurised with the bundle's item vectors, never with vectors derived again from the data;
 * actions on items the bundle lacks are skipped and counted ({@link ServingData}). A previous snapshot of another
 * model is refused unless {@code --reembed-all}.
 */
@Command(name = "embed", mixinStandardHelpOptions = true,
        description = "Daily batch job: embed users active since the previous run, carry the others over, "
                + "publish the day's snapshot to an embedding store.")
final class EmbedCommand implements Callable<Integer> {
    private final Supplier<Backends> backends;

    @Spec
    private CommandSpec spec;

    @Mixin
    private ExperimentArgs args;

    @Option(names = "--model", paramLabel = "BUNDLE", required = true,
            description = "The model bundle (written by `train`) to embed with.")
    private Path model;

    @Option(names = "--store", paramLabel = "DIR", required = true, description = "The embedding store directory.")
    private Path store;

    @Option(names = "--date", paramLabel = "YYYY-MM-DD", required = true,
            description = "The day of the snapshot; actions up to the end of this day (UTC) are used.")
    private String date;

    @Option(names = "--since", paramLabel = "YYYY-MM-DD",
            description = "The day of the previous run (its end, UTC); default: the day of the newest snapshot "
                    + "before --date. Without an earlier snapshot everyone is embedded.")
    private String since;

    @Option(names = "--reembed-all", description = "Embed everyone again when the previous snapshot was computed "
            + "with another model (without it the run is refused: one store never mixes models).")
    private boolean reembedAll;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "256",
            description = "Users per encoder call (default: ${DEFAULT-VALUE}).")
    private int batch;

    @Option(names = "--workers", paramLabel = "N", defaultValue = "1",
            description = "Encoders running at once (default: ${DEFAULT-VALUE}).")
    private int workers;

    @Option(names = "--float16", description = "Store vectors as float16 (half the size; relative error <= 2^-11).")
    private boolean float16;

    @Option(names = "--retention", paramLabel = "N", defaultValue = "7",
            description = "Snapshots to keep (default: ${DEFAULT-VALUE}).")
    private int retention;

    @Option(names = "--json", description = "Print a JSON summary as the last line of stdout.")
    private boolean json;

    @Option(names = "--no-progress",
            description = "No progress on stderr (by default a bar at a terminal, else a plain line now and then).")
    private boolean noProgress;

    EmbedCommand() {
        this(Backends::discover);
    }

    EmbedCommand(Supplier<Backends> backends) {
        this.backends = backends;
    }

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        LocalDate day = day("--date", date);
        Optional<LocalDate> sinceDay = since == null ? Optional.empty() : Optional.of(day("--since", since));
        Commands.positive(spec, "--batch", batch);
        Commands.positive(spec, "--workers", workers);
        Commands.positive(spec, "--retention", retention);
        if (args.backendArgs.threads < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--threads must be >= 0, was "
                    + args.backendArgs.threads);
        }
        if (sinceDay.isPresent() && !sinceDay.get().isBefore(day)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--since must be before --date " + day
                    + ", was " + sinceDay.get());
        }
        if (!Outputs.folder(err, "--store", store)) {
            return 1;
        }
        try {
            StoreOptions storeOptions = new StoreOptions(float16 ? VectorEncoding.FLOAT16 : VectorEncoding.FLOAT32,
                    retention);
            try (SnapshotEmbeddingStore early = SnapshotEmbeddingStore.open(store, storeOptions)) {
                early.requirePublishable(day); // another writer, a backfill retention deletes: before any work
            }
            ModelBundle bundle = ModelBundle.open(model);
            Dataset raw = args.load();
            ServingData data = ServingData.of(bundle, raw, Optional.empty());
            try (SnapshotEmbeddingStore snapshots = SnapshotEmbeddingStore.open(store, storeOptions);
                    Backend backend = BatchInferenceJob.openBackend(backends.get(), Optional.ofNullable(args.backendArgs.backend),
                            BackendOptions.defaults().withThreads(args.backendArgs.threads))) {
                Optional<EmbeddingStore.Snapshot> previous = snapshots.dates().stream().filter(d -> d.isBefore(day))
                        .reduce((a, b) -> b).flatMap(snapshots::snapshot);
                OptionalDouble previousRun = previous.isEmpty() ? OptionalDouble.empty()
                        : OptionalDouble.of(endOf(sinceDay.orElse(previous.get().date())));
                DailyInput input = new DailyInput(day, data.timelines(), data.catalog(), endOf(day), previousRun,
                        previousRun.isPresent() ? previous : Optional.empty());
                BatchInferenceResult r = new BatchInferenceJob(backend, bundle.checkpoint(), bundle.modelId(),
                        new BatchInferenceOptions(batch, workers, reembedAll))
                        .run(input, snapshots, ProgressBar.of(err, noProgress).embedding());
                stdout.printf("%s: embedded %d users, carried over %d, failed %d%s -> %s (%.1f s, backend %s, model"
                        + " %s)%n", day, r.embedded(), r.carriedOver(), r.failed().size(),
                        r.fullRun() ? " (full run: no usable earlier snapshot)" : "", snapshots.file(day),
                        r.seconds(), r.backend(), r.modelId());
                for (Path leftover : snapshots.removedLeftovers()) {
                    stdout.println("  removed " + leftover + ", left by an interrupted run");
                }
                if (data.newItems() > 0) {
                    stdout.printf("  %d items of the action log are not in the model bundle: %d actions on them were"
                            + " skipped%n", data.newItems(), data.skippedActions());
                }
                for (EmbedFailure f : r.failed().subList(0, Math.min(10, r.failed().size()))) {
                    stdout.println("  failed user " + f.userId() + ": " + f.reason()
                            + (f.keptPrevious() ? " (kept the previous vector)" : ""));
                }
                if (json) {
                    stdout.println(new Summary("embed").field("date", day.toString()).field("backend", r.backend())
                            .field("model_id", r.modelId()).field("embedded", r.embedded())
                            .field("carried_over", r.carriedOver()).field("failed", r.failed().size())
                            .field("full_run", r.fullRun()).field("new_items", data.newItems())
                            .field("skipped_actions", data.skippedActions()).field("seconds", r.seconds())
                            .field("snapshot", snapshots.file(day).toString())
                            .field("removed_leftovers", snapshots.removedLeftovers().size())
                            .read(raw.report()));
                }
                stdout.flush();
                return 0;
            }
        } catch (PinnerFormerException | IllegalArgumentException | UncheckedIOException e) {
            return Commands.fail(err, e);
        }
    }

    private LocalDate day(String option, String value) {
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), option + " must be a day as YYYY-MM-DD, was '"
                    + value + "'");
        }
    }

    private static double endOf(LocalDate day) {
        return day.plusDays(1).atStartOfDay().toEpochSecond(ZoneOffset.UTC);
    }
}
