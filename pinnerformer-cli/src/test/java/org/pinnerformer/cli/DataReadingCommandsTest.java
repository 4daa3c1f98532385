package org.pinnerformer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pinnerformer.api.Backends;
import org.pinnerformer.api.ModelSpec;
import org.pinnerformer.core.data.Dataset;
import org.pinnerformer.core.data.MovieLens;
import org.pinnerformer.core.data.ReadMode;
import org.pinnerformer.model.ModelInitializer;
import picocli.CommandLine;

/**
 * Input never disappears silently: commands that read data print what was kept, skipped and dropped, put it in
 * their JSON, read strictly unless {@code --lenient}, refuse a data set that lost too much, take MovieLens folders
 * without tags.csv, and find the bundled data from any working directory.
 */
class DataReadingCommandsTest extends CommandTestSupport {
    private static final long END = LocalDate.of(2020, 1, 2).atStartOfDay().toEpochSecond(ZoneOffset.UTC);

    @TempDir
    Path dir;

    /** 20 users rating 6 of 10 movies, no tags.csv; {@code extra} lines are appended to ratings.csv. */
    private Path movieLens(String... extra) throws IOException {
        Path data = Files.createDirectories(dir.resolve("ml"));
        StringBuilder movies = new StringBuilder("movieId,title,genres\n");
        for (int m = 1; m <= 10; m++) {
            movies.append(m).append(",Movie ").append(m).append(" (2000),Drama\n");
        }
        StringBuilder ratings = new StringBuilder("userId,movieId,rating,timestamp\n");
        for (int u = 1; u <= 20; u++) {
            for (int k = 0; k < 6; k++) {
                ratings.append(u).append(',').append(1 + (u + k) % 10).append(",4.0,").append(END - 86_400L * (k + 1))
                        .append('\n');
            }
        }
        for (String line : extra) {
            ratings.append(line).append('\n');
        }
        Files.writeString(data.resolve("movies.csv"), movies);
        Files.writeString(data.resolve("ratings.csv"), ratings);
        return data;
    }

    private Path checkpoint(Path data) {
        Dataset d = MovieLens.latestSmall(data, ReadMode.LENIENT);
        ModelSpec spec = ModelSpec.builder().itemVectorSize(4).actionEmbeddingSize(3).surfaceEmbeddingSize(2)
                .hiddenSize(8).layers(1).heads(2).maxSequenceLength(8).outputSize(4)
                .absolutePeriodsSeconds(3600, 86400).relativePeriodsSeconds(60, 3600, 86400).build();
        Path ckpt = dir.resolve("model");
        org.pinnerformer.core.bundle.ModelBundle.write(ckpt,
                ModelInitializer.initialize(spec, d.actionTypes(), d.surfaces(), 5), d.catalog().size() == 0
                        ? d.catalog() : vectors(d.catalog()),
                org.pinnerformer.core.bundle.Provenance.of(d, java.util.Map.of()));
        return ckpt;
    }

    /** The catalogue with a 4-float vector for every item (MovieLens folders carry no vectors). */
    private static org.pinnerformer.core.data.ItemCatalog vectors(org.pinnerformer.core.data.ItemCatalog c) {
        org.pinnerformer.core.data.ItemCatalog.Builder b = org.pinnerformer.core.data.ItemCatalog.builder(4);
        for (int i = 0; i < c.size(); i++) {
            b.add(c.itemId(i), new float[] {1, 0.5f * i, 0, -1}, "Movie " + c.itemId(i));
        }
        return b.build();
    }

    private int embed(Path data, Path ckpt, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("embed", "--model", ckpt.toString(), "--data",
                data.toString(), "--store", dir.resolve("store").toString(), "--date", "2020-01-01", "--backend",
                "java", "--no-progress", "--json"));
        args.addAll(List.of(more));
        return run(args.toArray(String[]::new));
    }

    @Test
    void embedPrintsWhatReadingKeptAndDroppedAndPutsItInTheJobReport() throws IOException {
        Path data = movieLens("1,99,4.0,1577750400", "1,99,4.0,1577750400");
        int status = embed(data, checkpoint(data));
        assertThat(status).as(err.toString()).isZero();
        assertThat(err.toString()).contains("read ml-latest-small from " + data + ": 132 rows, 132 accepted, "
                + "2 dropped (unknown_item)\n");
        assertThat(out.toString()).contains(",\"read\":{\"rows\":132,\"accepted\":132,\"skipped\":{},"
                + "\"dropped\":{\"unknown_item\":2}}}");
    }

    @Test
    void aBadLineStopsAStrictReadAndIsSkippedCountedAndQuotedWhenLenient() throws IOException {
        Path data = movieLens("3,4,four,1577750400");
        Path ckpt = checkpoint(data);
        assertThat(embed(data, ckpt)).isEqualTo(1);
        assertThat(err.toString()).isEqualTo("error: " + data.resolve("ratings.csv") + ", line 122, field 'rating': "
                + "is not a number: 'four'\n");
        assertThat(embed(data, ckpt, "--lenient")).as(err.toString()).isZero();
        assertThat(err.toString()).contains("read ml-latest-small from " + data + ": 131 rows, 130 accepted, 1 "
                + "skipped (not_a_number)\n  skipped " + data.resolve("ratings.csv") + ", line 122, field 'rating': "
                + "is not a number: 'four'\n");
        assertThat(out.toString()).contains("\"skipped\":{\"not_a_number\":1}");
    }

    @Test
    void aDataSetThatLostMoreThanTheAllowedShareIsRefusedUnlessLenient() throws IOException {
        String[] unknown = new String[30];
        for (int i = 0; i < unknown.length; i++) {
            unknown[i] = "2," + (100 + i) + ",4.0,1577750400";
        }
        Path data = movieLens(unknown);
        Path ckpt = checkpoint(data);
        assertThat(embed(data, ckpt)).isEqualTo(1);
        assertThat(err.toString()).endsWith("error: " + data.resolve("movies.csv") + ", " + data.resolve("ratings.csv")
                + ": 30 of 160 rows (18.8%) were skipped or dropped, more than the 10.0% allowed: 160 rows, 160 "
                + "accepted, 30 dropped (unknown_item); do the files belong together?\n");
        assertThat(embed(data, ckpt, "--max-dropped-share", "0.2")).as(err.toString()).isZero();
        assertThat(embed(data, ckpt, "--lenient")).as(err.toString()).isZero();
        assertThat(embed(data, ckpt, "--max-dropped-share", "2")).isEqualTo(1);
        assertThat(err.toString()).isEqualTo("error: --max-dropped-share must be in [0, 1], was 2.0\n");
    }

    @Test
    void ratingsWithOnlyAHeaderAreRefused() throws IOException {
        Path data = movieLens();
        Path ckpt = checkpoint(data);
        Files.writeString(data.resolve("ratings.csv"), "userId,movieId,rating,timestamp\n");
        assertThat(embed(data, ckpt)).isEqualTo(1);
        assertThat(err.toString()).isEqualTo("error: " + data.resolve("ratings.csv") + ": the file has no ratings "
                + "after its header (read it in lenient mode to accept that)\n");
    }

    @Test
    void trainFindsTheBundledDataFromAnotherWorkingDirectoryAndHelpSaysTagsAreOptional() {
        assertThat(Path.of("data/ml-latest-small")).as("the tests run in the module folder").doesNotExist();
        CommandLine cl = new CommandLine(new PinnerFormerCommand(), new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> cls) throws Exception {
                if (cls == TrainCommand.class) {
                    return cls.cast(new TrainCommand(() -> Backends.of(List.of(new FakeTrainProvider()))));
                }
                return CommandLine.defaultFactory().create(cls);
            }
        });
        int status = run(cl, "train", "--out", dir.resolve("m.safetensors").toString(), "--steps", "1",
                "--evaluate-every", "0", "--no-progress", "--json");
        assertThat(status).as(err.toString()).isZero();
        Path bundled = PipelineCommandsTest.DATA.toAbsolutePath().normalize();
        assertThat(err.toString()).contains("read ml-latest-small from " + bundled + ": 114261 rows, 114261 "
                + "accepted, 260 dropped (duplicate)\n");
        assertThat(out.toString()).contains("\"read\":{\"rows\":114261,\"accepted\":114261,\"skipped\":{},"
                + "\"dropped\":{\"duplicate\":260}}");
        assertThat(run("train", "--help")).isZero();
        assertThat(out.toString().replaceAll("\\s+", " ")).contains("movies.csv, tags.csv optional")
                .contains("--lenient").contains("--max-dropped-share");
    }
}
