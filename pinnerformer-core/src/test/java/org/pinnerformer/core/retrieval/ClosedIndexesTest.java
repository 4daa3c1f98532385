package org.pinnerformer.core.retrieval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pinnerformer.core.data.ItemVectors;

/** Indexes close twice safely and refuse a search after close with a sentence naming the index. */
class ClosedIndexesTest {
    private static ItemVectors space() {
        long[] ids = new long[40];
        float[] v = new float[40 * 4];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = 100 + i;
            v[i * 4 + i % 4] = 1;
        }
        return ItemVectors.unitOrZero(ids, v, 4);
    }

    @Test
    void exactIndex() {
        ExactItemIndex index = ExactItemIndex.of(space(), 2);
        assertThat(index.search(new float[] {1, 0, 0, 0}, 3)).hasSize(3);
        index.close();
        index.close();
        assertThatThrownBy(() -> index.search(new float[] {1, 0, 0, 0}, 3)).isInstanceOf(IllegalStateException.class)
                .hasMessage("the exact item index is closed");
    }

    @Test
    void hnswIndex(@TempDir Path dir) {
        HnswItemIndex index = HnswItemIndex.build(space(), "model-a", HnswOptions.defaults(), dir.resolve("hnsw"));
        assertThat(index.search(new float[] {1, 0, 0, 0}, 3)).hasSize(3);
        index.close();
        index.close();
        assertThatThrownBy(() -> index.search(new float[] {1, 0, 0, 0}, 3)).isInstanceOf(IllegalStateException.class)
                .hasMessage("the HNSW index in " + dir.resolve("hnsw") + " is closed");
    }
}
