package org.pinnerformer.core.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.pinnerformer.api.Action;
import org.pinnerformer.api.Vocabulary;
import org.pinnerformer.core.data.TimelinesBuilder.DropReason;

class TimelinesBuilderTest {
    private static ItemCatalog catalog(long... ids) {
        ItemCatalog.Builder b = ItemCatalog.builder(1);
        for (long id : ids) {
            b.add(id, new float[1], null);
        }
        return b.build();
    }

    @Test
    void sortsEachUserByTimeKeepingInputOrderForTiesAndRemovesExactDuplicates() {
        TimelinesBuilder b = new TimelinesBuilder(catalog(100, 200, 300), Vocabulary.of("click", "save"),
                Vocabulary.of("home"), Set.of("save"));
        b.add(new Action(2, 300, 50, "click", "home", 0));
        b.add(new Action(1, 200, 20, "click", "home", 0));
        b.add(new Action(1, 100, 10, "save", "home", 1));
        b.add(new Action(1, 300, 20, "click", "home", 0)); // same time as item 200: kept after it
        b.add(new Action(1, 200, 20, "click", "home", 0)); // exact duplicate of the second action
        b.add(new Action(1, 200, 20, "save", "home", 0));  // same item and time, another type: kept
        b.add(new Action(1, 100, 10, "save", "home", 2));  // another duration: kept
        Timelines t = b.build();
        assertThat(t.userCount()).isEqualTo(2);
        assertThat(t.userId(0)).isEqualTo(1);
        assertThat(t.length(0)).isEqualTo(5);
        int[] items = new int[5];
        double[] times = new double[5];
        for (int k = 0; k < 5; k++) {
            items[k] = t.item(t.start(0) + k);
            times[k] = t.timestamp(t.start(0) + k);
        }
        assertThat(items).containsExactly(0, 0, 1, 2, 1);
        assertThat(times).containsExactly(10, 10, 20, 20, 20);
        assertThat(t.isPositive(t.start(0))).isTrue();
        assertThat(t.isPositive(t.start(0) + 2)).isFalse();
        assertThat(b.dropped()).containsEntry(DropReason.DUPLICATE, 1L);
        assertThat(t.length(1)).isEqualTo(1);
    }

    @Test
    void dropsAndCountsOutOfVocabularyActionTypesSurfacesAndUnknownItems() {
        TimelinesBuilder b = new TimelinesBuilder(catalog(1, 2), Vocabulary.of("click"), Vocabulary.of("home"),
                Set.of("click"));
        assertThat(b.add(new Action(1, 1, 1, "click", "home", 0))).isTrue();
        assertThat(b.add(new Action(1, 1, 2, "share", "home", 0))).isFalse();
        assertThat(b.add(new Action(1, 1, 3, "share", "home", 0))).isFalse();
        assertThat(b.add(new Action(1, 2, 4, "click", "search", 0))).isFalse();
        assertThat(b.add(new Action(1, 9, 5, "click", "home", 0))).isFalse();
        assertThat(b.build().actionCount()).isEqualTo(1);
        assertThat(b.dropped()).containsEntry(DropReason.UNKNOWN_ACTION_TYPE, 2L)
                .containsEntry(DropReason.UNKNOWN_SURFACE, 1L).containsEntry(DropReason.UNKNOWN_ITEM, 1L)
                .containsEntry(DropReason.DUPLICATE, 0L);
    }
}
