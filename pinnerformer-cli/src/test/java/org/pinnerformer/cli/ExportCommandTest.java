package org.pinnerformer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pinnerformer.api.Checkpoint;
import org.pinnerformer.api.ModelSpec;
import org.pinnerformer.core.bundle.ModelBundle;
import org.pinnerformer.core.bundle.Provenance;
import org.pinnerformer.core.data.ItemCatalog;
import org.pinnerformer.model.ModelInitializer;
import org.pinnerformer.spi.ModelExporter;
import org.pinnerformer.testkit.SyntheticActivity;

/** {@code pinnerformer export}: the onnx files of a model bundle, and clear failures. */
class ExportCommandTest extends CommandTestSupport {
    @TempDir
    Path dir;

    private Path checkpoint() {
        ModelSpec spec = ModelSpec.builder().itemVectorSize(8).actionEmbeddingSize(3).surfaceEmbeddingSize(2)
                .hiddenSize(8).layers(1).heads(2).maxSequenceLength(6).outputSize(4).build();
        Checkpoint ck = ModelInitializer.initialize(spec, SyntheticActivity.ACTION_TYPES, SyntheticActivity.SURFACES,
                5);
        ItemCatalog items = ItemCatalog.builder(8).add(1, new float[8], null).build();
        Path bundle = dir.resolve("bundle");
        if (!Files.isDirectory(bundle)) {
            ModelBundle.write(bundle, ck, items, new Provenance("synthetic", "0".repeat(64), Map.of(), "test",
                    Instant.EPOCH));
        }
        return bundle;
    }

    @Test
    void writesTheOnnxTowersTheRegisteredExporterWrites() throws IOException {
        Path ck = checkpoint();
        Path target = dir.resolve("onnx");
        int status = run("export", "--model", ck.toString(), "--out", target.toString());
        assertThat(err.toString()).isEmpty();
        assertThat(status).isZero();
        List<String> names = List.of("user_tower_newest.onnx", "user_tower.onnx", "item_tower.onnx");
        Path direct = dir.resolve("direct");
        ModelExporter.find("onnx").orElseThrow().export(ModelBundle.open(ck).checkpoint(), direct);
        assertThat(out.toString()).startsWith("model " + ModelBundle.verify(ck));
        for (String name : names) {
            Path f = target.resolve(name);
            assertThat(out.toString()).contains("wrote " + f + " (");
            byte[] bytes = Files.readAllBytes(f);
            // ModelProto starts with field 1 (ir_version, varint): tag byte 0x08.
            assertThat(bytes).hasSizeGreaterThan(100).startsWith((byte) 0x08);
            assertThat(bytes).as(name).isEqualTo(Files.readAllBytes(direct.resolve(name)));
        }
    }

    @Test
    void namesTheFormatsAvailableWhenTheFormatIsUnknown() {
        int status = run("export", "--model", checkpoint().toString(), "--format", "tflite", "--out",
                dir.resolve("x").toString());
        assertThat(status).isEqualTo(1);
        assertThat(err.toString()).isEqualTo("error: no exporter for format 'tflite'; formats available: onnx"
                + System.lineSeparator());
    }

    @Test
    void saysWhenTheBundleIsMissingOrDamaged() throws IOException {
        Path missing = dir.resolve("missing");
        int status = run("export", "--model", missing.toString(), "--out", dir.resolve("x").toString());
        assertThat(status).isEqualTo(1);
        assertThat(err.toString()).isEqualTo("error: the model bundle " + missing + " does not exist or is not a "
                + "directory" + System.lineSeparator());
        Path bundle = checkpoint();
        byte[] bytes = Files.readAllBytes(bundle.resolve("model.safetensors"));
        bytes[bytes.length - 1] ^= 1;
        Files.write(bundle.resolve("model.safetensors"), bytes);
        assertThat(run("export", "--model", bundle.toString(), "--out", dir.resolve("x").toString())).isEqualTo(1);
        assertThat(err.toString()).startsWith("error: the model bundle " + bundle + " is damaged: model.safetensors "
                + "has SHA-256 ");
        assertThat(Files.exists(dir.resolve("x"))).isFalse();
    }
}
