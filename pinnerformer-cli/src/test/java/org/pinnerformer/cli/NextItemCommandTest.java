package org.pinnerformer.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pinnerformer.api.Backends;
import org.pinnerformer.api.Checkpoint;
import org.pinnerformer.api.ItemBatch;
import org.pinnerformer.spi.Backend;
import org.pinnerformer.spi.BackendOptions;
import org.pinnerformer.spi.ItemEncoder;
import org.pinnerformer.core.bundle.ModelBundle;
import picocli.CommandLine;

/** next-item: argument checks and a run with the fake TRAIN backend on a small sequence file. */
class NextItemCommandTest extends CommandTestSupport {
    @TempDir
    Path dir;

    private int runWithFake(String... args) {
        CommandLine cl = new CommandLine(new PinnerFormerCommand(), new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> cls) throws Exception {
                if (cls == NextItemCommand.class) {
                    return cls.cast(new NextItemCommand(() -> Backends.of(List.of(new FakeTrainProvider()))));
                }
                return CommandLine.defaultFactory().create(cls);
            }
        });
        return run(cl, args);
    }

    private Path sequences() throws IOException {
        SplittableRandom r = new SplittableRandom(1);
        StringBuilder sb = new StringBuilder();
        for (int u = 0; u < 60; u++) {
            sb.append(u);
            for (int k = 0; k < 4 + u % 9; k++) {
                sb.append(' ').append(r.nextInt(30));
            }
            sb.append('\n');
        }
        return Files.writeString(dir.resolve("seq.txt"), sb);
    }

    @Test
    void writesTheTableTheJsonThePlotAndTheCheckpoint() throws IOException {
        Path out = dir.resolve("out");
        int status = runWithFake("next-item", "--sequences", sequences().toString(), "--out", out.toString(),
                "--epochs", "2", "--batch", "16", "--max-length", "8", "--no-progress", "--json");
        assertThat(status).as(err.toString()).isZero();
        assertThat(out.resolve("results.md")).content().startsWith("| method | recall@10 | ndcg@10 | recall@1 |"
                + " users | skipped | train (s) |").contains("| pinnerformer/sasrec |", "| popularity |",
                "| last-item-neighbours |");
        assertThat(out.resolve("validation-ndcg.png")).isNotEmptyFile();
        assertThat(ModelBundle.open(out.resolve("model")).checkpoint().spec().maxSequenceLength()).isEqualTo(8);
        String[] lines = this.out.toString().strip().split("\n");
        JsonNode json = new ObjectMapper().readTree(lines[lines.length - 1]);
        JsonNode file = new ObjectMapper().readTree(out.resolve("results.json").toFile());
        assertThat(json).isEqualTo(file);
        assertThat(json.get("recall@10").asDouble()).isEqualTo(json.get("results").get(0).get("recall@10")
                .asDouble());
        assertThat(json.get("ndcg@10").isDouble()).isTrue();
        assertThat(json.get("stopped_early").isBoolean()).isTrue();
        assertThat(json.get("results")).hasSize(3);
        assertThat(json.get("results").get(0).get("users").asInt()).isEqualTo(60);
        assertThat(json.get("item_ids").asText()).as("the default --item-ids").isEqualTo("exact");
        assertThat(json.get("smoothing").asInt()).as("the default --smoothing").isEqualTo(3);
        assertThat(this.out.toString()).contains("best validation ndcg@10 (mean of 3) ");
    }

    @Test
    void trainsExactItemIdsOnDjlAndServesThemOnOnnxAndJava() throws IOException {
        Path out = dir.resolve("exact");
        int status = run("next-item", "--sequences", sequences().toString(), "--out", out.toString(),
                "--backend", "djl", "--threads", "1", "--item-ids", "exact", "--epochs", "2", "--batch", "16",
                "--max-length", "8", "--no-progress", "--json");
        assertThat(status).as(err.toString()).isZero();
        String[] lines = this.out.toString().strip().split("\n");
        JsonNode json = new ObjectMapper().readTree(lines[lines.length - 1]);
        assertThat(json.get("item_ids").asText()).isEqualTo("exact");
        Checkpoint model = ModelBundle.open(out.resolve("model")).checkpoint();
        long[] vocabulary = model.spec().itemIdVocabulary();
        assertThat(vocabulary).hasSize(30).startsWith(0L, 1L).endsWith(29L);
        assertThat(model.tensor("item_id_embedding.weight").shape()).containsExactly(31, 64);
        // rows 1.. were trained, row 0 (unknown items) stayed zero
        for (int c = 0; c < 64; c++) {
            assertThat(model.tensor("item_id_embedding.weight").get(c)).isZero();
        }
        int[] rows = {0, 1, 17, 30};
        ItemBatch items = new ItemBatch(rows.length, 64, new float[rows.length * 64], rows);
        Backends backends = Backends.discover();
        float[][] encoded = new float[2][];
        String[] names = {"onnx", "java"};
        for (int i = 0; i < 2; i++) {
            try (Backend b = backends.create(names[i], BackendOptions.defaults());
                    ItemEncoder e = b.itemEncoder(model)) {
                encoded[i] = e.encode(items);
            }
        }
        assertThat(encoded[0]).containsExactly(encoded[1], within(1e-4f));
    }

    @Test
    void contentNoneWritesABundleWithZeroItemVectorsAndSaysSo() throws IOException {
        Path out = dir.resolve("out");
        int status = runWithFake("next-item", "--sequences", sequences().toString(), "--out", out.toString(),
                "--epochs", "1", "--batch", "16", "--max-length", "8", "--item-ids", "exact", "--content", "none",
                "--no-progress", "--json");
        assertThat(status).as(err.toString()).isZero();
        assertThat(this.out.toString()).contains(", item ids exact, content none, ");
        JsonNode file = new ObjectMapper().readTree(out.resolve("results.json").toFile());
        assertThat(file.get("content").asText()).isEqualTo("none");
        assertThat(file.get("results")).hasSize(3);
        var items = ModelBundle.open(out.resolve("model")).items();
        for (int i = 0; i < items.size(); i++) {
            assertThat(items.vector(i)).containsOnly(0f);
        }
    }

    @Test
    void dropoutSetsTheThreeRatesOfTheTrainedModel() throws IOException {
        Path out = dir.resolve("out");
        int status = runWithFake("next-item", "--sequences", sequences().toString(), "--out", out.toString(),
                "--epochs", "1", "--batch", "16", "--max-length", "8", "--dropout", "0.2", "--no-progress", "--json");
        assertThat(status).as(err.toString()).isZero();
        var spec = ModelBundle.open(out.resolve("model")).checkpoint().spec();
        assertThat(spec.inputDropout()).isEqualTo(0.2);
        assertThat(spec.attentionDropout()).isEqualTo(0.2);
        assertThat(spec.residualDropout()).isEqualTo(0.2);
        assertThat(this.out.toString()).contains(", dropout 0.2, ");
        JsonNode file = new ObjectMapper().readTree(out.resolve("results.json").toFile());
        assertThat(file.get("dropout").asDouble()).isEqualTo(0.2);
    }

    @Test
    void rejectsBadNumbersAndModes() throws IOException {
        String seq = sequences().toString();
        assertThat(runWithFake("next-item", "--sequences", seq, "--out", "x", "--epochs", "0")).isEqualTo(2);
        assertThat(err.toString()).startsWith("--epochs must be > 0, was 0");
        assertThat(runWithFake("next-item", "--sequences", seq, "--out", "x", "--item-ids", "exactish"))
                .isEqualTo(2);
        assertThat(err.toString()).startsWith("--item-ids must be none, hashed or exact, was 'exactish'");
        assertThat(runWithFake("next-item", "--sequences", seq, "--out", "x", "--dropout", "1")).isEqualTo(2);
        assertThat(err.toString()).startsWith("--dropout must be >= 0 and < 1, was 1.0");
        assertThat(runWithFake("next-item", "--sequences", seq, "--out", "x", "--content", "random")).isEqualTo(2);
        assertThat(err.toString()).startsWith("--content must be co-engagement or none, was 'random'");
        assertThat(runWithFake("next-item", "--sequences", seq, "--out", "x", "--content", "none", "--item-ids",
                "none")).isEqualTo(2);
        assertThat(err.toString()).startsWith("--content none needs --item-ids hashed or exact");
        assertThat(runWithFake("next-item", "--sequences", seq, "--out", "x", "--smoothing", "0")).isEqualTo(2);
        assertThat(err.toString()).startsWith("--smoothing must be > 0, was 0");
        assertThat(runWithFake("next-item", "--out", "x")).isEqualTo(2);
        assertThat(err.toString()).startsWith("Missing required option: '--sequences=FILE'");
    }

    @Test
    void refusesAnOutputThatIsAFileBeforeReadingTheData() throws IOException {
        Path file = Files.writeString(dir.resolve("taken"), "x");
        assertThat(runWithFake("next-item", "--sequences", dir.resolve("missing.txt").toString(), "--out",
                file.toString())).isEqualTo(1);
        assertThat(err.toString()).isEqualTo("error: cannot write --out " + file + ": it is a file, not a directory\n");
    }
}
