package org.pinnerformer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pinnerformer.api.Checkpoint;
import org.pinnerformer.api.ModelSpec;
import org.pinnerformer.model.ModelInitializer;
import org.pinnerformer.spi.ModelExporter;
import org.pinnerformer.testkit.SyntheticActivity;

/** {@code pinnerformer export}: the onnx files of a checkpoint, and clear failures. */
class ExportCommandTest extends CommandTestSupport {
    @TempDir
    Path dir;

    private Path checkpoint() {
        ModelSpec spec = ModelSpec.builder().itemVectorSize(8).actionEmbeddingSize(3).surfaceEmbeddingSize(2)
                .hiddenSize(8).layers(1).heads(2).maxSequenceLength(6).outputSize(4).build();
        Checkpoint ck = ModelInitializer.initialize(spec, SyntheticActivity.ACTION_TYPES, SyntheticActivity.SURFACES,
                5);
        Path file = dir.resolve("model.safetensors");
        ck.write(file);
        return file;
    }

    @Test
    void writesTheOnnxTowersTheRegisteredExporterWrites() throws IOException {
        Path ck = checkpoint();
        Path target = dir.resolve("onnx");
        int status = run("export", "--checkpoint", ck.toString(), "--out", target.toString());
        assertThat(err.toString()).isEmpty();
        assertThat(status).isZero();
        List<String> names = List.of("user_tower_newest.onnx", "user_tower.onnx", "item_tower.onnx");
        Path direct = dir.resolve("direct");
        ModelExporter.find("onnx").orElseThrow().export(Checkpoint.read(ck), direct);
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
        int status = run("export", "--checkpoint", checkpoint().toString(), "--format", "tflite", "--out",
                dir.resolve("x").toString());
        assertThat(status).isEqualTo(1);
        assertThat(err.toString()).isEqualTo("error: no exporter for format 'tflite'; formats available: onnx"
                + System.lineSeparator());
    }

    @Test
    void saysWhenTheCheckpointIsNotAFile() {
        Path missing = dir.resolve("missing.safetensors");
        int status = run("export", "--checkpoint", missing.toString(), "--out", dir.resolve("x").toString());
        assertThat(status).isEqualTo(1);
        assertThat(err.toString()).isEqualTo("error: --checkpoint " + missing + " is not a file"
                + System.lineSeparator());
        assertThat(Files.exists(dir.resolve("x"))).isFalse();
    }
}
