package org.pinnerformer.core.retrieval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pinnerformer.api.ItemIndex.Hit;
import org.pinnerformer.api.PinnerFormerException;
import org.pinnerformer.core.data.ItemVectors;

class ExactItemIndexTest {

    /** The reference: every item sorted by (exact dot product descending, index ascending). */
    static List<Hit> sortedReference(ItemVectors space, float[] q, int k) {
        return IntStream.range(0, space.size()).boxed()
                .sorted(Comparator.<Integer>comparingDouble(i -> -dot(space, i, q)).thenComparingInt(i -> i))
                .limit(k).map(i -> new Hit(space.itemId(i), (float) dot(space, i, q))).toList();
    }

    private static double dot(ItemVectors space, int i, float[] q) {
        float[] v = space.vector(i);
        double s = 0;
        for (int c = 0; c < v.length; c++) {
            s += (double) v[c] * q[c];
        }
        return s;
    }

    @Test
    void multiThreadedSearchEqualsTheSortedReference() {
        // 40,000 items: split into 2 shards of >= 16,384 items each.
        ItemVectors space = Vectors.space(40_000, 16, 1);
        float[] queries = Vectors.clustered(20, 16, 5, 0.5, 2);
        try (ExactItemIndex index = ExactItemIndex.of(space, 2)) {
            assertThat(index.size()).isEqualTo(40_000);
            assertThat(index.dimension()).isEqualTo(16);
            for (int q = 0; q < 20; q++) {
                float[] query = java.util.Arrays.copyOfRange(queries, q * 16, (q + 1) * 16);
                List<Hit> hits = index.search(query, 10);
                List<Hit> ref = sortedReference(space, query, 10);
                assertThat(hits).extracting(Hit::itemId).containsExactlyElementsOf(ref.stream().map(Hit::itemId)
                        .toList());
                for (int i = 0; i < hits.size(); i++) {
                    assertThat((double) hits.get(i).score()).isCloseTo(ref.get(i).score(),
                            org.assertj.core.data.Offset.offset(1e-5));
                }
            }
        }
    }

    @Test
    void fewerItemsThanKReturnsThemAll() {
        ItemVectors space = ItemVectors.unitOrZero(new long[] {7, 8}, new float[] {1, 0, 0, 1}, 2);
        try (ExactItemIndex index = ExactItemIndex.of(space, 4)) {
            assertThat(index.search(new float[] {0.6f, 0.8f}, 5)).containsExactly(new Hit(8, 0.8f),
                    new Hit(7, 0.6f));
        }
    }

    @Test
    void rejectsNonUnitVectorsAndBadQueries() {
        assertThatThrownBy(() -> ExactItemIndex.of(new long[] {1}, new float[] {3, 4}, 2, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unit L2 norm");
        try (ExactItemIndex index = ExactItemIndex.of(new long[] {1}, new float[] {1, 0}, 2, 1)) {
            assertThatThrownBy(() -> index.search(new float[] {1, 0, 0}, 1))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("the query must have the index's dimension 2, it has 3 values");
            assertThatThrownBy(() -> index.search(new float[] {1, 0}, 0))
                    .isInstanceOf(IllegalArgumentException.class).hasMessage("k must be > 0, was 0");
            assertThatThrownBy(() -> index.search(new float[] {Float.NaN, 0}, 1))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("non-finite value NaN");
        }
    }

    @Test
    void saveAndOpenRoundTrip(@TempDir Path tmp) throws Exception {
        ItemVectors space = Vectors.space(500, 8, 3);
        float[] q = space.vector(17);
        Path dir = tmp.resolve("exact");
        try (ExactItemIndex index = ExactItemIndex.of(space, 1)) {
            index.save(dir, "model-a");
            assertThat(ItemIndexes.modelIdOf(dir)).isEqualTo("model-a");
            try (var reopened = ItemIndexes.open(dir, 1)) {
                assertThat(reopened).isInstanceOf(ExactItemIndex.class);
                assertThat(reopened.search(q, 10)).isEqualTo(index.search(q, 10));
                assertThat(reopened.search(q, 1).get(0).itemId()).isEqualTo(space.itemId(17));
            }
            assertThatThrownBy(() -> index.save(dir, "model-a")).isInstanceOf(PinnerFormerException.class)
                    .hasMessageContaining("not empty");
        }
        // Truncate the vectors: a clear error, never vectors.
        Path vectors = dir.resolve("items.pfvec");
        byte[] bytes = Files.readAllBytes(vectors);
        Files.write(vectors, java.util.Arrays.copyOf(bytes, bytes.length - 10));
        assertThatThrownBy(() -> ItemIndexes.open(dir, 1)).isInstanceOf(PinnerFormerException.class)
                .hasMessageContaining("ends after");
    }
}
