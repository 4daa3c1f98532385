package org.pinnerformer.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pinnerformer.api.ItemIndex;

/** The README's example, run with a few training steps. */
class QuickStartTest {
    private static final Path DATA = Path.of(System.getProperty("basedir", ".")).resolve("../data/ml-latest-small")
            .normalize();

    @Test
    void trainsABundleAndRecommendsTenItemsBestFirst(@TempDir Path dir) {
        List<ItemIndex.Hit> top = QuickStart.trainEmbedRecommend(DATA, dir.resolve("model"), 3);
        assertThat(dir.resolve("model/SHA256SUMS")).isRegularFile();
        assertThat(top).hasSize(10);
        assertThat(top).extracting(ItemIndex.Hit::itemId).doesNotHaveDuplicates();
        for (int i = 1; i < top.size(); i++) {
            assertThat(top.get(i).score()).isLessThanOrEqualTo(top.get(i - 1).score());
        }
    }
}
