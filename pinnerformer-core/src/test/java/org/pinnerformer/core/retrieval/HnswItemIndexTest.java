package org.pinnerformer.core.retrieval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pinnerformer.api.ItemIndex;
import org.pinnerformer.api.ItemIndex.Hit;
import org.pinnerformer.api.PinnerFormerException;
import org.pinnerformer.core.data.ItemVectors;

class HnswItemIndexTest {

    private static final HnswOptions OPTIONS = HnswOptions.defaults().withBuildThreads(2);

    @Test
    void recallAt10AgainstExactIsAtLeast95Percent(@TempDir Path tmp) {
        ItemVectors space = Vectors.space(5_000, 32, 11);
        // Queries like user embeddings: near the items' clusters (an item plus noise of norm ~0.55, renormalised).
        float[] queries = Vectors.nearItems(space, 200, 0.1, 12);
        int found = 0;
        try (HnswItemIndex hnsw = HnswItemIndex.build(space, "model-a", OPTIONS, tmp.resolve("hnsw"));
                ExactItemIndex exact = ExactItemIndex.of(space, 1)) {
            assertThat(hnsw.size()).isEqualTo(5_000);
            for (int q = 0; q < 200; q++) {
                float[] query = Arrays.copyOfRange(queries, q * 32, (q + 1) * 32);
                List<Hit> approx = hnsw.search(query, 10);
                assertThat(approx).hasSize(10);
                for (int i = 1; i < approx.size(); i++) {
                    assertThat(approx.get(i).score()).isLessThanOrEqualTo(approx.get(i - 1).score());
                }
                Set<Long> truth = new HashSet<>();
                exact.search(query, 10).forEach(h -> truth.add(h.itemId()));
                for (Hit h : approx) {
                    if (truth.contains(h.itemId())) {
                        found++;
                    }
                    // The score is the inner product with the item's vector (ids are 5,000,000 + 7 i).
                    int item = (int) ((h.itemId() - 5_000_000L) / 7);
                    assertThat((double) h.score()).isCloseTo(space.dot(item, query, 0),
                            org.assertj.core.data.Offset.offset(1e-5));
                }
            }
        }
        assertThat(found / 2000.0).isGreaterThanOrEqualTo(0.95);
    }

    @Test
    void persistenceRoundTripAndZeroVectorsLeftOut(@TempDir Path tmp) {
        ItemVectors base = Vectors.space(1_000, 8, 21);
        long[] ids = new long[1_001];
        float[] v = new float[1_001 * 8];
        for (int i = 0; i < 1_000; i++) {
            ids[i] = base.itemId(i);
            System.arraycopy(base.vector(i), 0, v, i * 8, 8);
        }
        ids[1_000] = 42; // all-zero vector
        ItemVectors space = ItemVectors.unitOrZero(ids, v, 8);
        Path dir = tmp.resolve("hnsw");
        List<List<Hit>> before;
        try (HnswItemIndex index = HnswItemIndex.build(space, "model-a", OPTIONS.withEfSearch(40), dir)) {
            assertThat(index.size()).isEqualTo(1_000);
            assertThat(index.efSearch()).isEqualTo(40);
            before = Stream.of(3, 500, 999).map(i -> index.search(space.vector(i), 5)).toList();
            // An indexed vector finds itself first with score 1.
            assertThat(before.get(1).get(0).itemId()).isEqualTo(space.itemId(500));
            assertThat((double) before.get(1).get(0).score()).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-5));
        }
        try (ItemIndex reopened = ItemIndexes.open(dir, 1)) {
            assertThat(reopened).isInstanceOf(HnswItemIndex.class);
            assertThat(reopened.dimension()).isEqualTo(8);
            assertThat(reopened.size()).isEqualTo(1_000);
            assertThat(Stream.of(3, 500, 999).map(i -> reopened.search(space.vector(i), 5)).toList())
                    .isEqualTo(before);
        }
        assertThat(ItemIndexes.kindOf(dir)).isEqualTo("hnsw");
        try (HnswItemIndex wider = HnswItemIndex.open(dir, 200)) {
            assertThat(wider.efSearch()).isEqualTo(200);
            assertThat(wider.search(space.vector(3), 1000)).hasSize(1_000);
        }
    }

    @Test
    void clearErrors(@TempDir Path tmp) throws IOException {
        Path dir = tmp.resolve("hnsw");
        HnswItemIndex index = HnswItemIndex.build(Vectors.space(300, 4, 31), "model-a", OPTIONS, dir);
        {
            assertThatThrownBy(() -> index.search(new float[5], 3)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("the query must have the index's dimension 4, it has 5 values");
            assertThatThrownBy(() -> index.search(new float[] {1, 0, 0, 0}, -1))
                    .isInstanceOf(IllegalArgumentException.class).hasMessage("k must be > 0, was -1");
            index.close();
            assertThatThrownBy(() -> index.search(new float[] {1, 0, 0, 0}, 1))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        }
        assertThatThrownBy(() -> HnswItemIndex.build(Vectors.space(10, 4, 1), "model-a", OPTIONS, dir))
                .isInstanceOf(PinnerFormerException.class).hasMessageContaining("is not empty");
        assertThatThrownBy(() -> HnswItemIndex.open(tmp.resolve("missing")))
                .isInstanceOf(PinnerFormerException.class).hasMessageContaining("does not exist");
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        assertThatThrownBy(() -> ItemIndexes.open(empty, 1)).isInstanceOf(PinnerFormerException.class)
                .hasMessageContaining("is not a complete item index");
        assertThatThrownBy(() -> new HnswOptions(0, 100, 10, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxConnections must be in 1..512, was 0");

        // Flip one byte in the middle of the largest file (the vectors or the graph): the checksum catches it.
        Path largest;
        try (Stream<Path> files = Files.list(dir)) {
            largest = files.max((a, b) -> Long.compare(a.toFile().length(), b.toFile().length())).orElseThrow();
        }
        byte[] bytes = Files.readAllBytes(largest);
        bytes[bytes.length / 2] ^= 0x55;
        Files.write(largest, bytes);
        assertThatThrownBy(() -> HnswItemIndex.open(dir)).isInstanceOf(PinnerFormerException.class)
                .hasMessageContaining("could not open the HNSW item index in " + dir);
    }
}
