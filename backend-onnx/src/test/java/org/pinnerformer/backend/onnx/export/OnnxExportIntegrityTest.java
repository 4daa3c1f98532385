package org.pinnerformer.backend.onnx.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pinnerformer.api.Checkpoint;
import org.pinnerformer.api.CheckpointException;
import org.pinnerformer.api.FloatTensor;
import org.pinnerformer.api.ModelSpec;
import org.pinnerformer.backend.onnx.Batches;
import org.pinnerformer.model.ModelInitializer;
import org.pinnerformer.spi.ModelExporter;

/**
 * The ONNX export records a SHA-256 of every model next to it ({@code SHA256SUMS}, sha256sum format) and
 * {@link ModelExporter#verify} finds every truncation and bit flip (seeded, many positions) with a sentence naming
 * the file; a checkpoint with NaN weights is never exported.
 */
class OnnxExportIntegrityTest {
    private static final ModelSpec SPEC = ModelSpec.builder().itemVectorSize(4).hiddenSize(8).layers(1).heads(2)
            .maxSequenceLength(6).outputSize(3).actionEmbeddingSize(2).surfaceEmbeddingSize(2).build();
    private static final Checkpoint CK = ModelInitializer.initialize(SPEC, Batches.ACTIONS, Batches.SURFACES, 5);

    @TempDir
    Path dir;

    private static String sha256(byte[] b) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    @Test
    void recordsTheSha256OfEachModelInSha256sumFormat() throws Exception {
        ModelExporter exporter = ModelExporter.find("onnx").orElseThrow();
        List<Path> files = exporter.export(CK, dir);
        List<String> lines = Files.readAllLines(dir.resolve("SHA256SUMS"), StandardCharsets.US_ASCII);
        assertThat(lines).containsExactly(
                sha256(Files.readAllBytes(files.get(0))) + "  user_tower_newest.onnx",
                sha256(Files.readAllBytes(files.get(1))) + "  user_tower.onnx",
                sha256(Files.readAllBytes(files.get(2))) + "  item_tower.onnx");
        exporter.verify(dir);
    }

    @Test
    void everyTruncationAndBitFlipOfEveryModelIsFound() throws IOException {
        ModelExporter exporter = ModelExporter.find("onnx").orElseThrow();
        exporter.export(CK, dir);
        Random r = new Random(2026);
        int cases = 0;
        for (String name : List.of("user_tower_newest.onnx", "user_tower.onnx", "item_tower.onnx")) {
            Path file = dir.resolve(name);
            byte[] good = Files.readAllBytes(file);
            for (int c = 0; c < 200; c++) {
                byte[] bad = c % 2 == 0 ? Arrays.copyOf(good, r.nextInt(good.length)) : good.clone();
                if (c % 2 == 1) {
                    bad[r.nextInt(bad.length)] ^= (byte) (1 << r.nextInt(8));
                }
                Files.write(file, bad);
                assertThatThrownBy(() -> exporter.verify(dir)).isInstanceOf(CheckpointException.class)
                        .hasMessageStartingWith("the ONNX model " + file + " fails its checksum (SHA-256 ")
                        .hasMessageEndingWith("): the file is truncated or corrupted; export it again");
                cases++;
            }
            Files.write(file, good);
            exporter.verify(dir);
        }
        assertThat(cases).isEqualTo(600);
    }

    @Test
    void aMissingModelOrChecksumFileOrADamagedChecksumLineIsNamed() throws IOException {
        ModelExporter exporter = ModelExporter.find("onnx").orElseThrow();
        exporter.export(CK, dir);
        Path sums = dir.resolve("SHA256SUMS");
        String text = Files.readString(sums);
        Files.delete(dir.resolve("item_tower.onnx"));
        assertThatThrownBy(() -> exporter.verify(dir)).isInstanceOf(CheckpointException.class)
                .hasMessage("the ONNX model " + dir.resolve("item_tower.onnx") + " is missing");
        Files.writeString(sums, text.replaceFirst("^[0-9a-f]", "x"));
        assertThatThrownBy(() -> exporter.verify(dir)).isInstanceOf(CheckpointException.class)
                .hasMessageStartingWith("the checksum file " + sums + " is damaged: the line '");
        Files.delete(sums);
        assertThatThrownBy(() -> exporter.verify(dir)).isInstanceOf(CheckpointException.class)
                .hasMessage("the ONNX export in " + dir + " has no SHA256SUMS; export it again");
    }

    @Test
    void aCheckpointWithNanWeightsIsNotExported() {
        Map<String, FloatTensor> t = new TreeMap<>(CK.tensors());
        float[] w = t.get("item_tower.0.bias").toArray();
        w[0] = Float.NaN;
        t.put("item_tower.0.bias", new FloatTensor(new int[] {w.length}, w));
        assertThatThrownBy(() -> ModelExporter.find("onnx").orElseThrow().export(CK.withTensors(t), dir))
                .isInstanceOf(CheckpointException.class)
                .hasMessage("the checkpoint does not fit its model spec: tensor 'item_tower.0.bias' holds NaN or"
                        + " infinite values");
        assertThat(dir.resolve("user_tower_newest.onnx")).doesNotExist();
    }
}
