package org.pinnerformer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pinnerformer.api.Checkpoint;
import org.pinnerformer.api.ModelSpec;
import org.pinnerformer.core.bundle.ModelBundle;
import org.pinnerformer.core.bundle.Provenance;
import org.pinnerformer.core.data.Dataset;
import org.pinnerformer.core.data.ItemCatalog;
import org.pinnerformer.core.data.MovieLens;
import org.pinnerformer.model.ModelInitializer;
import org.pinnerformer.core.store.SnapshotEmbeddingStore;
import org.pinnerformer.core.store.StoreOptions;

/** {@code pinnerformer embed} on a tiny MovieLens-style directory, two days in a row, with the java backend. */
class EmbedCommandTest extends CommandTestSupport {
    private static final long DAY1_END = LocalDate.of(2020, 1, 2).atStartOfDay().toEpochSecond(ZoneOffset.UTC);

    @TempDir
    Path dir;

    /**
     * 60 users rating 12 of 40 movies on 2019-12-20 .. 2020-01-01; users 0..9 rate one more movie on 2020-01-02.
     */
    private Path tinyMovieLens() throws IOException {
        Path data = Files.createDirectories(dir.resolve("ml"));
        StringBuilder movies = new StringBuilder("movieId,title,genres\n");
        for (int m = 1; m <= 40; m++) {
            movies.append(m).append(",Movie ").append(m).append(" (2000),").append(m % 2 == 0 ? "Drama" : "Comedy")
                    .append('\n');
        }
        StringBuilder ratings = new StringBuilder("userId,movieId,rating,timestamp\n");
        SplittableRandom r = new SplittableRandom(1);
        for (int u = 1; u <= 60; u++) {
            for (int k = 0; k < 12; k++) {
                long t = DAY1_END - 13 * 86_400L + k * 86_400L + u;
                ratings.append(u).append(',').append(1 + r.nextInt(40)).append(',').append(1 + r.nextInt(5))
                        .append(".0,").append(t).append('\n');
            }
            if (u <= 10) {
                ratings.append(u).append(',').append(1 + r.nextInt(40)).append(",5.0,").append(DAY1_END + 3600)
                        .append('\n');
            }
        }
        Files.writeString(data.resolve("movies.csv"), movies);
        Files.writeString(data.resolve("ratings.csv"), ratings);
        Files.writeString(data.resolve("tags.csv"), "userId,movieId,tag,timestamp\n");
        return data;
    }

    /**
     * A bundle of an initialised model (seed {@code seed}) whose item vectors cover movies 1 .. {@code items} of the
     * tiny data set.
     */
    private Path bundle(Path data, long seed, int items) {
        Dataset d = MovieLens.latestSmall(data);
        ModelSpec spec = ModelSpec.builder().itemVectorSize(4).actionEmbeddingSize(3).surfaceEmbeddingSize(2)
                .hiddenSize(8).layers(1).heads(2).maxSequenceLength(8).outputSize(4)
                .absolutePeriodsSeconds(3600, 86400).relativePeriodsSeconds(60, 3600, 86400).build();
        Checkpoint model = ModelInitializer.initialize(spec, d.actionTypes(), d.surfaces(), seed);
        ItemCatalog.Builder b = ItemCatalog.builder(4);
        SplittableRandom r = new SplittableRandom(seed);
        for (int m = 1; m <= items; m++) {
            b.add(m, new float[] {(float) r.nextGaussian(), (float) r.nextGaussian(), (float) r.nextGaussian(),
                    (float) r.nextGaussian()}, "Movie " + m + " (2000)");
        }
        Path out = dir.resolve("bundle-" + seed + "-" + items);
        ModelBundle.write(out, model, b.build(), Provenance.of(d, Map.of("experiment.seed", Long.toString(seed))));
        return out;
    }

    @Test
    void embedsTwoDaysAndCarriesInactiveUsersOver() throws IOException {
        Path data = tinyMovieLens();
        Path ckpt = bundle(data, 5, 40);
        String modelId = ModelBundle.verify(ckpt);
        Path store = dir.resolve("store");

        int status = run("embed", "--model", ckpt.toString(), "--data", data.toString(), "--store",
                store.toString(), "--date", "2020-01-01", "--backend", "java", "--no-progress", "--json");
        assertThat(status).as(err.toString()).isZero();
        assertThat(out.toString()).startsWith("2020-01-01: embedded 60 users, carried over 0, failed 0 (full run: "
                + "no usable earlier snapshot) -> " + store.resolve("snapshot-2020-01-01.emb"));
        assertThat(out.toString()).contains("\"command\":\"embed\"").contains("\"embedded\":60");

        status = run("embed", "--model", ckpt.toString(), "--data", data.toString(), "--store",
                store.toString(), "--date", "2020-01-02", "--backend", "java", "--no-progress");
        assertThat(status).as(err.toString()).isZero();
        assertThat(out.toString()).startsWith("2020-01-02: embedded 10 users, carried over 50, failed 0 -> ");
        try (SnapshotEmbeddingStore s = SnapshotEmbeddingStore.open(store, StoreOptions.defaults())) {
            assertThat(s.dates()).containsExactly(LocalDate.of(2020, 1, 1), LocalDate.of(2020, 1, 2));
            var first = s.snapshot(LocalDate.of(2020, 1, 1)).orElseThrow();
            var second = s.latest().orElseThrow();
            assertThat(second.modelId()).isEqualTo(modelId);
            assertThat(second.vector(60).orElseThrow()).containsExactly(first.vector(60).orElseThrow());
            assertThat(second.vector(1).orElseThrow()).isNotEqualTo(first.vector(1).orElseThrow());
        }

        // The production path's last step: the item index of the checkpoint, then one user's top items.
        Path index = dir.resolve("index");
        status = run("index", "--model", ckpt.toString(), "--out", index.toString(), "--exact", "--backend", "java");
        assertThat(status).as(err.toString()).isZero();
        status = run("recommend", "--store", store.toString(), "--index", index.toString(), "--user", "1", "--top-k", "3",
                "--data", data.toString(), "--json");
        assertThat(status).as(err.toString()).isZero();
        String[] lines = out.toString().split("\n");
        assertThat(lines[0]).isEqualTo("top 3 items for user 1 (snapshot 2020-01-02, model " + modelId + ")");
        assertThat(lines[1]).matches("  1 +\\d+  -?\\d\\.\\d{4}  Movie \\d+ \\(2000\\)");
        assertThat(lines[4]).startsWith("{\"command\":\"recommend\",\"user\":1,\"snapshot\":\"2020-01-02\","
                + "\"model_id\":\"" + modelId + "\",\"top_k\":3,\"items\":[");
        assertThat(run("recommend", "--store", store.toString(), "--index", index.toString(), "--user", "999"))
                .isEqualTo(1);
        assertThat(err.toString()).startsWith("error: user 999 is not in the snapshot of 2020-01-02 (60 users)");
        assertThat(run("recommend", "--store", store.toString(), "--index", index.toString(), "--user", "1",
                "--date", "2019-01-01")).isEqualTo(1);
        assertThat(err.toString()).startsWith("error: the store " + store + " has no snapshot of 2019-01-01; it has "
                + "[2020-01-01, 2020-01-02]");
    }

    @Test
    void recommendRefusesASnapshotAndAnIndexOfDifferentModelsNamingBothIds() throws IOException {
        Path data = tinyMovieLens();
        Path a = bundle(data, 5, 40);
        Path b = bundle(data, 6, 40);
        String idA = ModelBundle.verify(a);
        String idB = ModelBundle.verify(b);
        assertThat(idA).isNotEqualTo(idB);
        Path store = dir.resolve("store");
        Path index = dir.resolve("index");
        assertThat(run("embed", "--model", a.toString(), "--data", data.toString(), "--store", store.toString(),
                "--date", "2020-01-01", "--backend", "java", "--no-progress")).as(err.toString()).isZero();
        assertThat(run("index", "--model", b.toString(), "--out", index.toString(), "--exact", "--backend", "java"))
                .as(err.toString()).isZero();
        assertThat(run("recommend", "--store", store.toString(), "--index", index.toString(), "--user", "1"))
                .isEqualTo(1);
        assertThat(err.toString()).startsWith("error: refusing to combine artefacts of different models: the "
                + "snapshot of 2020-01-01 was computed with model " + idA + " but the item index " + index
                + " with model " + idB);
        assertThat(out.toString()).isEmpty();

        // The store refuses a second model too, unless told to re-embed everyone.
        assertThat(run("embed", "--model", b.toString(), "--data", data.toString(), "--store", store.toString(),
                "--date", "2020-01-02", "--backend", "java", "--no-progress")).isEqualTo(1);
        assertThat(err.toString()).contains("\nerror: refusing to mix models in one store: the previous snapshot "
                + "(2020-01-01) was computed with model " + idA + " but this job embeds with model " + idB);
        assertThat(run("embed", "--model", b.toString(), "--data", data.toString(), "--store", store.toString(),
                "--date", "2020-01-02", "--backend", "java", "--no-progress", "--reembed-all"))
                .as(err.toString()).isZero();
        assertThat(out.toString()).startsWith("2020-01-02: embedded 60 users, carried over 0");
        assertThat(run("recommend", "--store", store.toString(), "--index", index.toString(), "--user", "1"))
                .as(err.toString()).isZero();
    }

    @Test
    void actionsOnItemsTheBundleLacksAreSkippedAndCounted() throws IOException {
        Path data = tinyMovieLens();
        Path partial = bundle(data, 5, 30);
        assertThat(run("embed", "--model", partial.toString(), "--data", data.toString(), "--store",
                dir.resolve("store").toString(), "--date", "2020-01-02", "--backend", "java", "--no-progress",
                "--json")).as(err.toString()).isZero();
        Dataset d = MovieLens.latestSmall(data);
        long skipped = 0;
        java.util.Set<Long> newItems = new java.util.HashSet<>();
        for (int i = 0; i < d.timelines().actionCount(); i++) {
            long movie = d.catalog().itemId(d.timelines().item(i));
            if (movie > 30) {
                skipped++;
                newItems.add(movie);
            }
        }
        assertThat(skipped).isPositive();
        assertThat(out.toString()).contains("  " + newItems.size() + " items of the action log are not in the model "
                + "bundle: " + skipped + " actions on them were skipped")
                .contains("\"new_items\":" + newItems.size()).contains("\"skipped_actions\":" + skipped);
    }

    @Test
    void servingCommandsHaveNoSeedOption() {
        for (String command : new String[] {"embed", "index", "recommend", "export", "evaluate"}) {
            assertThat(run(command, "--help")).isZero();
            assertThat(out.toString()).as(command).doesNotContain("--seed");
        }
    }

    @Test
    void rejectsABadDate() {
        assertThat(run("embed", "--model", "x", "--store", "s", "--date", "2020-13-01")).isEqualTo(2);
        assertThat(err.toString()).startsWith("--date must be a day as YYYY-MM-DD, was '2020-13-01'");
        assertThat(run("embed", "--model", "x", "--store", "s", "--date", "2020-01-01", "--since",
                "2020-01-01")).isEqualTo(2);
        assertThat(err.toString()).startsWith("--since must be before --date 2020-01-01, was 2020-01-01");
    }

    @Test
    void aBackfillThatRetentionWouldDeleteIsRefusedBeforeTheCheckpointOrDataAreRead() throws IOException {
        Path store = dir.resolve("store");
        try (SnapshotEmbeddingStore s = SnapshotEmbeddingStore.open(store, StoreOptions.defaults())) {
            for (String day : new String[] {"2020-01-05", "2020-01-06"}) {
                try (var w = s.writer(LocalDate.parse(day), "c", 2)) {
                    w.put(1, new float[] {1, 0});
                    w.publish();
                }
            }
        }
        assertThat(run("embed", "--model", dir.resolve("missing.safetensors").toString(), "--data",
                dir.resolve("no-data").toString(), "--store", store.toString(), "--date", "2020-01-01",
                "--retention", "2")).isEqualTo(1);
        assertThat(err.toString()).isEqualTo("error: cannot publish snapshot 2020-01-01 to the embedding store "
                + store + ": it keeps the newest 2 snapshots (2020-01-05, 2020-01-06), so retention would delete "
                + "2020-01-01 as soon as it is published; keep more snapshots or publish it into another store\n");
    }

    @Test
    void leftoversOfAKilledRunAreRemovedAndReported() throws IOException {
        Path data = tinyMovieLens();
        Path ckpt = bundle(data, 5, 40);
        Path store = Files.createDirectories(dir.resolve("store"));
        Path spool = Files.write(store.resolve("snapshot-2019-12-31.emb.spool-4f2a"), new byte[100]);
        int status = run("embed", "--model", ckpt.toString(), "--data", data.toString(), "--store",
                store.toString(), "--date", "2020-01-01", "--backend", "java", "--no-progress", "--json");
        assertThat(status).as(err.toString()).isZero();
        assertThat(Files.exists(spool)).isFalse();
        assertThat(out.toString()).contains("\n  removed " + spool + ", left by an interrupted run\n")
                .contains("\"removed_leftovers\":1");
    }
}
