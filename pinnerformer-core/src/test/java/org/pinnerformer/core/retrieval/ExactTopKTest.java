package org.pinnerformer.core.retrieval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.pinnerformer.core.data.ItemVectors;

class ExactTopKTest {

    private static ItemVectors randomSpace(int n, int d, long seed, boolean withDuplicates) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] v = new float[n * d];
        long[] ids = new long[n];
        for (int i = 0; i < n; i++) {
            ids[i] = 1000 + i;
            if (withDuplicates && i % 3 == 2) {
                System.arraycopy(v, (i - 1) * d, v, i * d, d); // ties with the previous item
                continue;
            }
            double s = 0;
            for (int c = 0; c < d; c++) {
                v[i * d + c] = (float) r.nextGaussian();
                s += v[i * d + c] * v[i * d + c];
            }
            for (int c = 0; c < d; c++) {
                v[i * d + c] = (float) (v[i * d + c] / Math.sqrt(s));
            }
        }
        return ItemVectors.unitOrZero(ids, v, d);
    }

    /** The reference: sort every item by (score descending, index ascending). */
    private static int[] sortedReference(ItemVectors space, float[] q, int k) {
        return IntStream.range(0, space.size()).boxed()
                .sorted(Comparator.<Integer>comparingDouble(i -> -space.dot(i, q, 0)).thenComparingInt(i -> i))
                .limit(k).mapToInt(Integer::intValue).toArray();
    }

    @Test
    void equalsAFullSortForRandomQueriesAndTies() {
        ItemVectors space = randomSpace(500, 8, 7, true);
        SplittableRandom r = new SplittableRandom(3);
        for (int trial = 0; trial < 30; trial++) {
            float[] q = new float[8];
            for (int c = 0; c < 8; c++) {
                q[c] = (float) r.nextGaussian();
            }
            for (int k : new int[] {1, 10, 37, 500, 900}) {
                assertThat(ExactTopK.search(space, q, k)).containsExactly(sortedReference(space, q, k));
            }
        }
    }

    @Test
    void breaksEqualScoresByLowerItemIndex() {
        ItemVectors space = ItemVectors.unitOrZero(new long[] {1, 2, 3, 4}, new float[] {0, 1, 1, 0, 1, 0, 0, 1}, 2);
        assertThat(ExactTopK.search(space, new float[] {1, 0}, 2)).containsExactly(1, 2);
        assertThat(ExactTopK.search(space, new float[] {0, 0}, 3)).containsExactly(0, 1, 2);
    }

    @Test
    void parallelSearchEqualsOneByOne() {
        ItemVectors space = randomSpace(300, 4, 11, false);
        SplittableRandom r = new SplittableRandom(5);
        float[] queries = new float[100 * 4];
        for (int i = 0; i < queries.length; i++) {
            queries[i] = (float) r.nextGaussian();
        }
        int[][] all = ExactTopK.searchAll(space, queries, 10, 3);
        for (int i = 0; i < 100; i++) {
            assertThat(all[i]).containsExactly(ExactTopK.search(space, Arrays.copyOfRange(queries, 4 * i, 4 * i + 4), 10));
        }
    }

    @Test
    void searchesOnlyTheCandidatesThatAreNotExcluded() {
        ItemVectors space = randomSpace(50, 4, 13, false);
        float[] q = {1, 0.5f, -0.2f, 0};
        int[] shared = {1, 5, 9, 20, 30, 40};
        int[] extra = {2, 3};
        boolean[] excluded = new boolean[50];
        excluded[5] = true;
        excluded[3] = true;
        int[] got = ExactTopK.search(i -> space.dot(i, q, 0), shared, 50, extra, excluded, new TopKHeap(4));
        int[] expected = IntStream.of(1, 9, 20, 30, 40, 2).boxed()
                .sorted(Comparator.<Integer>comparingDouble(i -> -space.dot(i, q, 0)).thenComparingInt(i -> i))
                .limit(4).mapToInt(Integer::intValue).toArray();
        assertThat(got).containsExactly(expected);
    }

    @Test
    void rejectsBadArguments() {
        ItemVectors space = randomSpace(5, 2, 1, false);
        assertThatThrownBy(() -> ExactTopK.search(space, new float[3], 1)).hasMessage("query must hold 2 values, held 3");
        assertThatThrownBy(() -> ExactTopK.search(space, new float[2], 0)).hasMessage("k must be > 0, was 0");
        assertThatThrownBy(() -> ExactTopK.searchAll(space, new float[3], 1, 1))
                .hasMessage("queries must hold a multiple of the dimension 2 values, held 3");
        assertThatThrownBy(() -> ItemVectors.unitOrZero(new long[] {1}, new float[] {1, 1}, 2))
                .hasMessage("the vector of item 1 must have unit L2 norm or be zero, its norm was " + Math.sqrt(2));
    }
}
