package org.pinnerformer.cli;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import org.pinnerformer.api.EmbeddingStore;
import org.pinnerformer.api.ItemIndex;
import org.pinnerformer.api.PinnerFormerException;
import org.pinnerformer.core.data.ItemCatalog;
import org.pinnerformer.core.data.MovieLens;
import org.pinnerformer.core.data.ReadMode;
import org.pinnerformer.core.data.ReadResult;
import org.pinnerformer.core.retrieval.Recommender;
import org.pinnerformer.core.store.SnapshotEmbeddingStore;
import org.pinnerformer.core.store.StoreOptions;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code pinnerformer recommend}: a user's top-K items, from the user's vector in an embedding-store snapshot
 * (written by {@code embed}) and an item index (written by {@code index}), with titles when the data has them. The
 * snapshot and the index must record the same model id ({@link Recommender}); otherwise the command fails naming
 * both ids.
 */
@Command(name = "recommend", mixinStandardHelpOptions = true,
        description = "Print a user's top-K items from an embedding-store snapshot and an item index.")
final class RecommendCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--store", paramLabel = "DIR", required = true,
            description = "The embedding store written by `embed`.")
    private Path store;

    @Option(names = "--index", paramLabel = "DIR", required = true,
            description = "The item index written by `index` (HNSW or exact).")
    private Path index;

    @Option(names = "--user", paramLabel = "ID", required = true, description = "The user id.")
    private long user;

    @Option(names = "--top-k", paramLabel = "K", defaultValue = "10",
            description = "How many items (default: ${DEFAULT-VALUE}).")
    private int k;

    @Option(names = "--date", paramLabel = "YYYY-MM-DD",
            description = "The snapshot's day (default: the newest snapshot).")
    private String date;

    @Option(names = "--data", paramLabel = "DIR",
            description = "A MovieLens latest-small folder whose movies.csv gives titles (optional; only movies.csv is "
                    + "read).")
    private Path data;

    @Option(names = "--json", description = "Print a JSON summary as the last line of stdout.")
    private boolean json;

    @Override
    public Integer call() {
        Commands.positive(spec, "--top-k", k);
        Optional<LocalDate> day = Optional.empty();
        if (date != null) {
            try {
                day = Optional.of(LocalDate.parse(date));
            } catch (DateTimeParseException e) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--date must be YYYY-MM-DD, was '" + date + "'");
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            if (!Files.isDirectory(store)) {
                throw new IllegalArgumentException("--store " + store + " is not a directory");
            }
            Optional<ItemCatalog> titles = Optional.ofNullable(data).map(d -> {
                ReadResult<ItemCatalog> movies = MovieLens.movies(d.resolve("movies.csv"), ReadMode.STRICT);
                err.println("read " + d.resolve("movies.csv") + ": " + movies.report().summary());
                return movies.value();
            });
            try (EmbeddingStore embeddings = SnapshotEmbeddingStore.open(store, StoreOptions.defaults())) {
                Optional<EmbeddingStore.Snapshot> found = day.isPresent() ? embeddings.snapshot(day.get())
                        : embeddings.latest();
                EmbeddingStore.Snapshot snapshot = found.orElseThrow(() -> new IllegalArgumentException(
                        "the store " + store + " has no snapshot" + (date == null ? "" : " of " + date)
                                + "; it has " + embeddings.dates()));
                try (Recommender recommender = Recommender.open(snapshot, index,
                        Runtime.getRuntime().availableProcessors())) {
                    List<ItemIndex.Hit> hits = recommender.recommend(user, k).orElseThrow(() ->
                            new IllegalArgumentException("user " + user + " is not in the snapshot of "
                                    + snapshot.date() + " (" + snapshot.size() + " users)"));
                    return print(out, snapshot, hits, titles);
                }
            }
        } catch (PinnerFormerException | IllegalArgumentException | UncheckedIOException e) {
            return Commands.fail(err, e);
        }
    }

    private int print(PrintWriter out, EmbeddingStore.Snapshot snapshot, List<ItemIndex.Hit> hits,
            Optional<ItemCatalog> titles) {
        out.printf(Locale.ROOT, "top %d items for user %d (snapshot %s, model %s)%n", hits.size(), user,
                snapshot.date(), snapshot.modelId());
        long[] ids = new long[hits.size()];
        for (int i = 0; i < hits.size(); i++) {
            ItemIndex.Hit h = hits.get(i);
            out.printf(Locale.ROOT, "%3d  %10d  %.4f  %s%n", i + 1, h.itemId(), h.score(),
                    titles.map(c -> title(c, h.itemId())).orElse(""));
            ids[i] = h.itemId();
        }
        if (json) {
            out.println(new Summary("recommend").field("user", user).field("snapshot", snapshot.date().toString())
                    .field("model_id", snapshot.modelId()).field("top_k", k).field("items", ids));
        }
        out.flush();
        return 0;
    }

    private static String title(ItemCatalog catalog, long itemId) {
        OptionalInt i = catalog.index(itemId);
        return i.isPresent() ? catalog.title(i.getAsInt()).orElse("") : "";
    }
}
