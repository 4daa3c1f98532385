package org.pinnerformer.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pinnerformer.api.EmbeddingStore;

/** Snapshot format 2 records the model id; a version 1 file still reads, as an unknown model. */
class SnapshotFormatVersionTest {
    private static final LocalDate DAY = LocalDate.of(2026, 3, 2);

    @Test
    void aVersion2SnapshotRecordsTheModelId(@TempDir Path dir) {
        try (SnapshotEmbeddingStore store = SnapshotEmbeddingStore.open(dir, StoreOptions.defaults())) {
            publish(store, "model-a");
            assertThat(store.snapshot(DAY).orElseThrow().modelId()).isEqualTo("model-a");
        }
    }

    @Test
    void aVersion1SnapshotReadsAsAnUnknownModelThatEqualsNoBundleId(@TempDir Path dir) throws Exception {
        Path file;
        try (SnapshotEmbeddingStore store = SnapshotEmbeddingStore.open(dir, StoreOptions.defaults())) {
            publish(store, "ckpt-1");
            file = store.file(DAY);
        }
        byte[] bytes = Files.readAllBytes(file);
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(b.getInt(8)).isEqualTo(2);
        b.putInt(8, 1);
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, bytes.length - 16);
        b.putLong(bytes.length - 16, crc.getValue());
        Files.write(file, bytes);
        try (SnapshotEmbeddingStore store = SnapshotEmbeddingStore.open(dir, StoreOptions.defaults())) {
            EmbeddingStore.Snapshot s = store.snapshot(DAY).orElseThrow();
            assertThat(s.modelId()).isEqualTo("unknown (snapshot format 1, written before model bundles, by "
                    + "checkpoint ckpt-1)");
            assertThat(s.vector(7).orElseThrow()).containsExactly(1, 0, 0);
        }
    }

    private static void publish(EmbeddingStore store, String modelId) {
        try (EmbeddingStore.Writer w = store.writer(DAY, modelId, 3)) {
            w.put(7, new float[] {1, 0, 0});
            w.put(9, new float[] {0, 1, 0});
            w.publish();
        }
    }
}
