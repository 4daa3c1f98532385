package org.pinnerformer.core.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pinnerformer.api.Checkpoint;
import org.pinnerformer.api.CheckpointException;
import org.pinnerformer.api.PinnerFormerException;
import org.pinnerformer.core.data.Dataset;
import org.pinnerformer.core.data.ItemCatalog;
import org.pinnerformer.core.data.ItemVectors;
import org.pinnerformer.core.data.ReadReport;
import org.pinnerformer.core.data.Timelines;
import org.pinnerformer.core.inference.JobFixtures;

class ModelBundleTest {
    private static final Checkpoint MODEL = JobFixtures.checkpoint(3);
    private static final ItemCatalog ITEMS = JobFixtures.catalog();
    private static final Provenance PROVENANCE = new Provenance("fixture", "ab".repeat(32),
            Map.of("experiment.seed", "7", "training.options", "TrainingOptions[steps=3]"), "test",
            Instant.parse("2026-01-02T03:04:05Z"));

    @Test
    void aWrittenBundleReadsBackWithTheSameModelIdCheckpointItemsAndProvenance(@TempDir Path tmp) {
        ModelBundle written = ModelBundle.write(tmp.resolve("b"), MODEL, ITEMS, PROVENANCE);
        ModelBundle read = ModelBundle.open(tmp.resolve("b"));
        assertThat(read.modelId()).isEqualTo(written.modelId()).matches("[0-9a-f]{64}");
        assertThat(read.checkpoint().id()).isEqualTo(MODEL.id());
        assertThat(read.provenance()).isEqualTo(PROVENANCE);
        assertThat(read.items().size()).isEqualTo(ITEMS.size());
        for (int i = 0; i < ITEMS.size(); i++) {
            assertThat(read.items().itemId(i)).isEqualTo(ITEMS.itemId(i));
            assertThat(read.items().vector(i)).containsExactly(ITEMS.vector(i));
            assertThat(read.items().title(i)).isEqualTo(ITEMS.title(i));
        }
        assertThat(tmp.resolve("b")).isDirectoryContaining(p -> p.getFileName().toString().equals("SHA256SUMS"));
        assertThat(ModelBundle.verify(tmp.resolve("b"))).isEqualTo(written.modelId());
    }

    @Test
    void theModelIdCoversTheItemVectorsAndNotTheProvenance(@TempDir Path tmp) {
        String id = ModelBundle.write(tmp.resolve("a"), MODEL, ITEMS, PROVENANCE).modelId();
        Provenance later = new Provenance("fixture", "ab".repeat(32), Map.of(), "other",
                Instant.parse("2027-01-01T00:00:00Z"));
        assertThat(ModelBundle.write(tmp.resolve("b"), MODEL, ITEMS, later).modelId()).isEqualTo(id);
        ItemCatalog shifted = ItemVectors.of(ITEMS).normalized().applyTo(ITEMS);
        assertThat(ModelBundle.write(tmp.resolve("c"), MODEL, shifted, PROVENANCE).modelId()).isNotEqualTo(id);
        assertThat(ModelBundle.write(tmp.resolve("d"), JobFixtures.checkpoint(4), ITEMS, PROVENANCE).modelId())
                .isNotEqualTo(id);
    }

    @Test
    void aDamagedFileIsRefusedWithASentenceNamingIt(@TempDir Path tmp) throws Exception {
        for (String name : new String[] {"model.safetensors", "items.safetensors", "model.json"}) {
            Path dir = tmp.resolve(name + "-case");
            ModelBundle.write(dir, MODEL, ITEMS, PROVENANCE);
            byte[] bytes = Files.readAllBytes(dir.resolve(name));
            bytes[bytes.length / 2] ^= 1;
            Files.write(dir.resolve(name), bytes);
            assertThatThrownBy(() -> ModelBundle.open(dir)).isInstanceOf(CheckpointException.class)
                    .hasMessageContaining("the model bundle " + dir + " is damaged: " + name + " has SHA-256");
        }
        Path missing = tmp.resolve("missing");
        ModelBundle.write(missing, MODEL, ITEMS, PROVENANCE);
        Files.delete(missing.resolve("items.safetensors"));
        assertThatThrownBy(() -> ModelBundle.open(missing)).isInstanceOf(CheckpointException.class)
                .hasMessage("the model bundle " + missing + " is damaged: items.safetensors is missing");
        Path noSums = tmp.resolve("nosums");
        ModelBundle.write(noSums, MODEL, ITEMS, PROVENANCE);
        Files.delete(noSums.resolve("SHA256SUMS"));
        assertThatThrownBy(() -> ModelBundle.open(noSums)).isInstanceOf(CheckpointException.class)
                .hasMessageContaining(noSums + " is not a model bundle: it has no SHA256SUMS");
    }

    @Test
    void anEditedManifestWithMatchingChecksumsIsStillRefused(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("b");
        String id = ModelBundle.write(dir, MODEL, ITEMS, PROVENANCE).modelId();
        String json = Files.readString(dir.resolve("model.json")).replace(id, "0".repeat(64));
        Files.writeString(dir.resolve("model.json"), json);
        String sums = Files.readString(dir.resolve("SHA256SUMS"));
        String newSum = Checksums.sha256(json.getBytes(StandardCharsets.UTF_8));
        sums = sums.replaceAll("[0-9a-f]{64}  model.json", newSum + "  model.json");
        Files.writeString(dir.resolve("SHA256SUMS"), sums);
        assertThatThrownBy(() -> ModelBundle.open(dir)).isInstanceOf(CheckpointException.class)
                .hasMessageContaining("model.json records model id " + "0".repeat(64) + " but its files hash to "
                        + id);
    }

    @Test
    void writingIntoANonEmptyDirectoryOrWithItemVectorsOfTheWrongSizeIsRefused(@TempDir Path tmp) throws Exception {
        Files.writeString(tmp.resolve("x"), "x");
        assertThatThrownBy(() -> ModelBundle.write(tmp, MODEL, ITEMS, PROVENANCE))
                .isInstanceOf(PinnerFormerException.class).hasMessageContaining("the directory is not empty");
        ItemCatalog wrong = ItemCatalog.builder(2).add(1, new float[] {1, 0}, null).build();
        assertThatThrownBy(() -> ModelBundle.write(tmp.resolve("w"), MODEL, wrong, PROVENANCE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the item vectors have 2 values but the checkpoint expects itemVectorSize 6");
        assertThat(tmp.resolve("w")).doesNotExist();
    }

    @Test
    void newItemsAreKeptWithAGivenContentVectorElseTheirActionsAreSkippedAndCounted(@TempDir Path tmp) {
        // The bundle knows items 100..119; the log also has 120..129.
        ItemCatalog.Builder b = ItemCatalog.builder(6);
        for (int i = 0; i < 20; i++) {
            b.add(ITEMS.itemId(i), ITEMS.vector(i), ITEMS.title(i).orElse(null));
        }
        ModelBundle bundle = ModelBundle.write(tmp.resolve("b"), MODEL, b.build(), PROVENANCE);
        Timelines log = JobFixtures.timelines(ITEMS);
        Dataset data = new Dataset("log", ITEMS, log, ReadReport.empty(), false);
        long onNew = 0;
        long on125 = 0;
        for (int i = 0; i < log.actionCount(); i++) {
            long id = ITEMS.itemId(log.item(i));
            onNew += id >= 120 ? 1 : 0;
            on125 += id == 125 ? 1 : 0;
        }
        ServingData skipped = ServingData.of(bundle, data, Optional.empty());
        assertThat(skipped.catalog().size()).isEqualTo(20);
        assertThat(skipped.newItems()).isEqualTo(10);
        assertThat(skipped.newItemsWithVectors()).isZero();
        assertThat(skipped.skippedActions()).isEqualTo(onNew);
        assertThat(skipped.timelines().actionCount()).isEqualTo(log.actionCount() - onNew);
        for (int i = 0; i < 20; i++) {
            assertThat(skipped.catalog().vector(i)).containsExactly(ITEMS.vector(i));
        }
        ItemVectors given = ItemVectors.of(new long[] {125}, ITEMS.vector(25), 6);
        ServingData kept = ServingData.of(bundle, data, Optional.of(given));
        assertThat(kept.catalog().size()).isEqualTo(21);
        assertThat(kept.catalog().itemId(20)).isEqualTo(125);
        assertThat(kept.newItemsWithVectors()).isEqualTo(1);
        assertThat(kept.skippedActions()).isEqualTo(onNew - on125);
    }
}
