package org.pinnerformer.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointTest {
    @TempDir
    Path dir;

    static Checkpoint sample(long seed) {
        Random r = new Random(seed);
        Map<String, FloatTensor> t = new TreeMap<>();
        t.put("input_projection.weight", randomTensor(r, 8, 5));
        t.put("input_projection.bias", randomTensor(r, 8));
        t.put("temperature", randomTensor(r));
        float[] special = {Float.MIN_VALUE, -0.0f, Float.MAX_VALUE, 1e-38f, -3.5f, 0x1.fffffep-2f};
        t.put("special", new FloatTensor(new int[] {2, 3}, special));
        ModelSpec spec = ModelSpec.smallPreset();
        return new Checkpoint(spec, Vocabulary.of("rate-high", "rate-low", "tag"), Vocabulary.of("web"),
                new TreeMap<>(t), Map.of("step", "1200", "dataset", "ml-latest-small"));
    }

    private static FloatTensor randomTensor(Random r, int... shape) {
        int n = Arrays.stream(shape).reduce(1, (a, b) -> a * b);
        float[] d = new float[n];
        for (int i = 0; i < n; i++) {
            d[i] = (float) r.nextGaussian();
        }
        return new FloatTensor(shape, d);
    }

    @Test
    void roundTripIsBitExact() throws IOException {
        Checkpoint c = sample(1);
        Path f = dir.resolve("model.safetensors");
        c.write(f);
        Checkpoint back = Checkpoint.read(f);
        assertThat(back).isEqualTo(c);
        for (String name : c.tensors().keySet()) {
            float[] a = c.tensor(name).toArray();
            float[] b = back.tensor(name).toArray();
            for (int i = 0; i < a.length; i++) {
                assertThat(Float.floatToRawIntBits(b[i])).isEqualTo(Float.floatToRawIntBits(a[i]));
            }
        }
        assertThat(back.id()).isEqualTo(c.id());
        // Writing what was read gives the same bytes.
        Path g = dir.resolve("again.safetensors");
        back.write(g);
        assertThat(Files.readAllBytes(g)).isEqualTo(Files.readAllBytes(f));
    }

    @Test
    void fileIsStandardSafetensors() throws IOException {
        Path f = dir.resolve("m.safetensors");
        sample(2).write(f);
        byte[] all = Files.readAllBytes(f);
        long n = ByteBuffer.wrap(all, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertThat(n % 8).isZero();
        String header = new String(all, 8, (int) n, StandardCharsets.UTF_8);
        assertThat(header).contains("\"input_projection.weight\":{\"dtype\":\"F32\",\"shape\":[8,5],\"data_offsets\":[");
        assertThat(header).contains("\"temperature\":{\"dtype\":\"F32\",\"shape\":[],");
        assertThat(header).contains("\"pinnerformer.format\":\"pinnerformer-checkpoint/2\"");
        assertThat(header).contains("\"step\":\"1200\"");
    }

    @Test
    void truncatedFileIsRefused() throws IOException {
        Path f = dir.resolve("m.safetensors");
        sample(3).write(f);
        byte[] all = Files.readAllBytes(f);
        Path cut = dir.resolve("cut.safetensors");
        Files.write(cut, Arrays.copyOf(all, all.length - 4));
        assertThatThrownBy(() -> Checkpoint.read(cut))
                .isInstanceOf(CheckpointException.class)
                .hasMessageContaining("cut.safetensors")
                .hasMessageContaining("outside the")
                .hasMessageContaining("truncated");
        Path tiny = dir.resolve("tiny.safetensors");
        Files.write(tiny, new byte[] {1, 2, 3});
        assertThatThrownBy(() -> Checkpoint.read(tiny))
                .isInstanceOf(CheckpointException.class)
                .hasMessageEndingWith("tiny.safetensors is 3 bytes long, too short for a safetensors header");
        Path headerCut = dir.resolve("header.safetensors");
        Files.write(headerCut, Arrays.copyOf(all, 40));
        assertThatThrownBy(() -> Checkpoint.read(headerCut))
                .isInstanceOf(CheckpointException.class)
                .hasMessageContaining("declares a header of");
    }

    @Test
    void bitFlipInTheDataFailsTheChecksum() throws IOException {
        Path f = dir.resolve("m.safetensors");
        sample(4).write(f);
        byte[] all = Files.readAllBytes(f);
        all[all.length - 3] ^= 0x10;
        Files.write(f, all);
        assertThatThrownBy(() -> Checkpoint.read(f))
                .isInstanceOf(CheckpointException.class)
                .hasMessageContaining("fails its checksum")
                .hasMessageContaining("the file is corrupted");
    }

    @Test
    void mismatchedShapeAndOffsetsAreRefused() throws IOException {
        Path f = dir.resolve("m.safetensors");
        sample(5).write(f);
        String text = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
        // Same header length, different shape: [8,5] -> [5,8] keeps the byte count; [8,4] does not.
        Path wrong = dir.resolve("wrong.safetensors");
        Files.write(wrong, text.replace("\"shape\":[8,5]", "\"shape\":[8,4]").getBytes(StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> Checkpoint.read(wrong))
                .isInstanceOf(CheckpointException.class)
                .hasMessageContaining("tensor 'input_projection.weight' has shape [8,4] (128 bytes) but data_offsets span 160 bytes");
    }

    @Test
    void fileWithoutPinnerFormerMetadataIsRefused() throws IOException {
        String header = "{\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}";
        Path f = dir.resolve("plain.safetensors");
        Files.write(f, withHeader(header, new byte[4]));
        assertThatThrownBy(() -> Checkpoint.read(f))
                .isInstanceOf(CheckpointException.class)
                .hasMessageEndingWith("has no __metadata__ block: it is a safetensors file but not a PinnerFormer checkpoint");
    }

    @Test
    void otherDtypesAreRefusedWithTheirName() throws IOException {
        Path f = dir.resolve("m.safetensors");
        sample(12).write(f);
        String text = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
        Path f16 = dir.resolve("f16.safetensors");
        Files.write(f16, text.replaceFirst("\"dtype\":\"F32\"", "\"dtype\":\"F16\"")
                .getBytes(StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> Checkpoint.read(f16))
                .isInstanceOf(CheckpointException.class)
                .hasMessageContaining("tensor 'input_projection.bias' has dtype 'F16'; only F32 is supported");
    }

    @Test
    void metadataWithoutSpecIsRefused() throws IOException {
        String header = "{\"__metadata__\":{\"pinnerformer.format\":\"pinnerformer-checkpoint/1\"},"
                + "\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}";
        Path f = dir.resolve("nospec.safetensors");
        Files.write(f, withHeader(header, new byte[4]));
        assertThatThrownBy(() -> Checkpoint.read(f))
                .isInstanceOf(CheckpointException.class)
                .hasMessageContaining("has no 'pinnerformer.spec' in its metadata");
    }

    @Test
    void missingFileSaysSo() {
        Path f = dir.resolve("nope.safetensors");
        assertThatThrownBy(() -> Checkpoint.read(f))
                .isInstanceOf(CheckpointException.class)
                .hasMessage("checkpoint file " + f + " does not exist");
    }

    @Test
    void missingTensorListsWhatIsThere() {
        assertThatThrownBy(() -> sample(6).tensor("blocks.0.norm1.weight"))
                .isInstanceOf(CheckpointException.class)
                .hasMessage("checkpoint has no tensor 'blocks.0.norm1.weight' (it has 4 tensors: "
                        + "input_projection.bias, input_projection.weight, special, temperature)");
    }

    @Test
    void reservedMetadataKeysAreRefused() {
        Checkpoint c = sample(7);
        assertThatThrownBy(() -> c.withMetadata(Map.of("pinnerformer.spec", "x")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("metadata key 'pinnerformer.spec' uses the reserved prefix 'pinnerformer.'");
    }

    @Test
    void idDependsOnTensorsOnly() {
        Checkpoint c = sample(8);
        assertThat(c.withMetadata(Map.of("other", "1")).id()).isEqualTo(c.id());
        assertThat(sample(9).id()).isNotEqualTo(c.id()).hasSize(64);
    }

    @Test
    void writeLeavesNoTemporaryFiles() throws IOException {
        sample(10).write(dir.resolve("a.safetensors"));
        sample(11).write(dir.resolve("a.safetensors"));
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("a.safetensors");
        }
        assertThat(Checkpoint.read(dir.resolve("a.safetensors"))).isEqualTo(sample(11));
    }

    private static byte[] withHeader(String header, byte[] data) {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + h.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(h.length).put(h).put(data);
        return b.array();
    }
}
