package org.pinnerformer.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

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
import org.pinnerformer.api.Checkpoint;
import org.pinnerformer.api.CheckpointException;
import org.pinnerformer.api.FloatTensor;
import org.pinnerformer.api.ModelSpec;
import org.pinnerformer.api.Vocabulary;
import org.pinnerformer.core.backend.JavaBackendProvider;
import org.pinnerformer.spi.Backend;
import org.pinnerformer.spi.BackendOptions;
import org.pinnerformer.model.CheckpointValidator;
import org.pinnerformer.model.ModelInitializer;

/**
 * Damaged checkpoints (docs/reliability.md): every truncation and every single-bit flip, in the header or the
 * data, is refused with a {@link CheckpointException} naming the file; a checkpoint whose spec does not match its
 * tensors, or that holds NaN weights, reads (the file is intact) but no encoder or trainer accepts it.
 */
class CorruptCheckpointTest {
    private static final ModelSpec SPEC = ModelSpec.builder().itemVectorSize(4).hiddenSize(8).layers(1).heads(2)
            .maxSequenceLength(4).outputSize(3).actionEmbeddingSize(2).surfaceEmbeddingSize(2).build();
    private static final Vocabulary TYPES = Vocabulary.of("click", "save");
    private static final Vocabulary SURFACES = Vocabulary.of("home");

    @TempDir
    Path dir;

    private Path written(Checkpoint c) {
        Path f = dir.resolve("model.safetensors");
        c.write(f);
        return f;
    }

    private static Checkpoint checkpoint() {
        return ModelInitializer.initialize(SPEC, TYPES, SURFACES, 11).withMetadata(Map.of("step", "1200"));
    }

    private static int headerEnd(byte[] all) {
        return 8 + (int) ByteBuffer.wrap(all, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    }

    @Test
    void everySingleBitFlipIsRefusedNamingTheFile() throws IOException {
        Path f = written(checkpoint());
        byte[] good = Files.readAllBytes(f);
        int header = headerEnd(good);
        Random r = new Random(2026);
        int flips = 1200;
        int headerFlips = 0;
        for (int c = 0; c < flips; c++) {
            // Half of the flips land in the length prefix and header, where a flip is most likely to parse.
            int p = c % 2 == 0 ? r.nextInt(header) : header + r.nextInt(good.length - header);
            headerFlips += p < header ? 1 : 0;
            int bit = r.nextInt(8);
            byte[] bad = good.clone();
            bad[p] ^= (byte) (1 << bit);
            Path g = Files.write(dir.resolve("flipped.safetensors"), bad);
            try {
                CheckpointValidator.validate(Checkpoint.read(g));
                fail("a flip of bit " + bit + " of byte " + p + " (header ends at " + header + ") was not detected");
            } catch (CheckpointException e) {
                assertThat(e.getMessage()).startsWith("checkpoint " + g + " ");
            } catch (RuntimeException e) {
                fail("byte " + p + " bit " + bit + ": " + e, e);
            }
        }
        assertThat(headerFlips).isEqualTo(flips / 2);
    }

    @Test
    void everyTruncationIsRefused() throws IOException {
        Path f = written(checkpoint());
        byte[] good = Files.readAllBytes(f);
        Random r = new Random(7);
        for (int c = 0; c < 300; c++) {
            int length = c < 40 ? c : r.nextInt(good.length);
            Path g = Files.write(dir.resolve("cut.safetensors"), Arrays.copyOf(good, length));
            assertThatThrownBy(() -> Checkpoint.read(g)).isInstanceOf(CheckpointException.class)
                    .hasMessageStartingWith("checkpoint " + g + " ");
        }
    }

    @Test
    void anEditedHeaderThatStillParsesFailsItsHeaderChecksum() throws IOException {
        Path f = written(checkpoint());
        String text = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
        // A vocabulary token and a free-form value changed to others of the same length: the data checksum
        // cannot see it, the header checksum does.
        for (String[] edit : new String[][] {{"click", "clack"}, {"1200", "1300"}}) {
            Path g = dir.resolve("edited.safetensors");
            Files.write(g, text.replace(edit[0], edit[1]).getBytes(StandardCharsets.ISO_8859_1));
            assertThatThrownBy(() -> Checkpoint.read(g)).isInstanceOf(CheckpointException.class)
                    .hasMessageContaining("checkpoint " + g + " fails its header checksum (header SHA-256 ")
                    .hasMessageEndingWith("): the spec, vocabularies, metadata or tensor table are corrupted");
        }
    }

    @Test
    void nanWeightsAndASpecThatDoesNotFitTheTensorsAreRefusedByEveryConsumer() {
        Checkpoint good = checkpoint();
        TreeMap<String, FloatTensor> t = new TreeMap<>(good.tensors());
        float[] w = t.get("output_mlp.2.bias").toArray();
        w[1] = Float.NaN;
        t.put("output_mlp.2.bias", new FloatTensor(new int[] {w.length}, w));
        Checkpoint nan = Checkpoint.read(written(good.withTensors(t))); // intact file, diverged weights
        Checkpoint wrongSpec = Checkpoint.read(written(new Checkpoint(SPEC.toBuilder().hiddenSize(16).build(), TYPES,
                SURFACES, good.tensors(), good.metadata())));
        try (Backend java = new JavaBackendProvider().create(BackendOptions.defaults())) {
            assertThatThrownBy(() -> java.userEncoder(nan)).isInstanceOf(CheckpointException.class)
                    .hasMessage("the checkpoint does not fit its model spec: tensor 'output_mlp.2.bias' holds NaN or"
                            + " infinite values");
            assertThatThrownBy(() -> java.itemEncoder(nan)).isInstanceOf(CheckpointException.class)
                    .hasMessageContaining("tensor 'output_mlp.2.bias' holds NaN or infinite values");
            assertThatThrownBy(() -> java.userEncoder(wrongSpec)).isInstanceOf(CheckpointException.class)
                    .hasMessageStartingWith("the checkpoint does not fit its model spec: tensor 'input_projection"
                            + ".weight' must have shape [16, ");
        }
    }

    @Test
    void version1FilesWithoutHeaderChecksumStillRead() throws IOException {
        Checkpoint c = checkpoint();
        Path f = written(c);
        byte[] all = Files.readAllBytes(f);
        int header = headerEnd(all);
        String json = new String(all, 8, header - 8, StandardCharsets.UTF_8)
                .replace("pinnerformer-checkpoint/2", "pinnerformer-checkpoint/1")
                .replaceAll(",?\"pinnerformer.header_sha256\":\"[0-9a-f]{64}\"", "");
        byte[] h = json.getBytes(StandardCharsets.UTF_8);
        ByteBuffer out = ByteBuffer.allocate(8 + h.length + all.length - header).order(ByteOrder.LITTLE_ENDIAN);
        out.putLong(h.length).put(h).put(all, header, all.length - header);
        Path g = Files.write(dir.resolve("v1.safetensors"), out.array());
        Checkpoint back = Checkpoint.read(g);
        assertThat(back.id()).isEqualTo(c.id());
        assertThat(back.metadata()).isEqualTo(c.metadata());
    }
}
