package org.pinnerformer.core.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.pinnerformer.core.data.ItemCatalog;

class MetricsTest {

    @Test
    void recallCountsPositivesAmongTheFirstKOnly() {
        int[] ranked = {5, 3, 9, 1};
        assertThat(Metrics.hits(ranked, 3, new int[] {9, 1, 7})).isEqualTo(1);
        assertThat(Metrics.recall(ranked, 3, new int[] {9, 1, 7})).isEqualTo(1.0 / 3);
        assertThat(Metrics.recall(ranked, 4, new int[] {9, 1, 7})).isEqualTo(2.0 / 3);
        assertThat(Metrics.recall(ranked, 10, new int[] {2})).isZero();
    }

    @Test
    void recallWithoutPositivesIsRejected() {
        assertThatThrownBy(() -> Metrics.recall(new int[] {1}, 1, new int[0]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("positives must not be empty: recall is undefined without positives");
    }

    @Test
    void p90CoverageIsTheFewestItemsFillingNinetyPercentOfSlotsOverIndexSize() {
        // 10 slots: 90% = 9 slots; 5 + 3 = 8 < 9, 5 + 3 + 1 = 9: three items out of an index of 8.
        assertThat(Metrics.p90Coverage(new int[] {1, 5, 0, 3, 1, 0, 0, 0}, 8)).isEqualTo(3.0 / 8);
        // Ten items once each: nine are needed.
        int[] flat = new int[20];
        java.util.Arrays.fill(flat, 0, 10, 1);
        assertThat(Metrics.p90Coverage(flat, 20)).isEqualTo(9.0 / 20);
        // One item fills every slot.
        assertThat(Metrics.p90Coverage(new int[] {0, 7, 0}, 3)).isEqualTo(1.0 / 3);
        assertThat(Metrics.p90Coverage(new int[3], 3)).isZero();
        assertThat(Metrics.coverage(new int[] {4, 3, 2, 1}, 0.5, 4)).isEqualTo(2.0 / 4);
    }

    @Test
    void coverageChecksItsArguments() {
        assertThatThrownBy(() -> Metrics.coverage(new int[1], 0, 1)).hasMessage("share must be in (0, 1], was 0.0");
        assertThatThrownBy(() -> Metrics.coverage(new int[1], 0.9, 0)).hasMessage("indexSize must be > 0, was 0");
        assertThatThrownBy(() -> Metrics.coverage(new int[] {-1}, 0.9, 1)).hasMessage("slotCounts must be >= 0, held -1");
    }

    @Test
    void interestEntropySplitsMultiCategoryItemsAndIgnoresUncategorisedOnes() {
        ItemCatalog.Builder b = ItemCatalog.builder(1);
        int a = b.category("A");
        int c = b.category("B");
        b.add(1, new float[] {1}, null, a);
        b.add(2, new float[] {1}, null, c);
        b.add(3, new float[] {1}, null, a, c);
        b.add(4, new float[] {1}, null);
        ItemCatalog catalog = b.build();
        // A: 1 + 0.5, B: 1 + 0.5 out of 3 categorised items: p = (0.5, 0.5), entropy ln 2.
        assertThat(Metrics.interestEntropy(new int[] {0, 1, 2, 3}, 50, catalog).getAsDouble())
                .isCloseTo(Math.log(2), within(1e-12));
        // A: 2 + 0.5 = 2.5, B: 0.5 out of 3: -(5/6 ln 5/6 + 1/6 ln 1/6).
        double expected = -(5.0 / 6 * Math.log(5.0 / 6) + 1.0 / 6 * Math.log(1.0 / 6));
        assertThat(Metrics.interestEntropy(new int[] {0, 0, 2, 1}, 3, catalog).getAsDouble())
                .isCloseTo(expected, within(1e-12));
        assertThat(Metrics.interestEntropy(new int[] {0, 1}, 1, catalog).getAsDouble()).isZero();
        assertThat(Metrics.interestEntropy(new int[] {3}, 50, catalog)).isEmpty();
    }

    @Test
    void ndcgDiscountsByLogOfRank() {
        assertThat(Metrics.ndcgAtRank(1)).isEqualTo(1.0);
        assertThat(Metrics.ndcgAtRank(3)).isCloseTo(0.5, within(1e-15));
        assertThatThrownBy(() -> Metrics.ndcgAtRank(0)).hasMessage("rank must be > 0, was 0");
    }
}
