package org.pinnerformer.core.sampling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CountMinSketchTest {

    @Test
    void estimatesOfASeededZipfStreamStayWithinTheDocumentedBound() {
        int keys = 5000;
        double[] cdf = new double[keys];
        double sum = 0;
        for (int k = 0; k < keys; k++) {
            sum += 1 / Math.pow(k + 1, 1.1);
            cdf[k] = sum;
        }
        CountMinSketch sketch = new CountMinSketch(0.001, 0.01, 7);
        long[] truth = new long[keys];
        SplittableRandom random = new SplittableRandom(11);
        for (int n = 0; n < 200_000; n++) {
            double u = random.nextDouble() * sum;
            int i = java.util.Arrays.binarySearch(cdf, u);
            int key = i >= 0 ? i : Math.min(keys - 1, -i - 1);
            truth[key]++;
            sketch.add(key * 7919L + 3, 1);
        }
        assertThat(sketch.total()).isEqualTo(200_000);
        assertThat(sketch.width()).isEqualTo(2719);
        assertThat(sketch.depth()).isEqualTo(5);
        assertThat(sketch.errorBound()).isEqualTo(200.0);
        int overBound = 0;
        int overestimated = 0;
        for (int k = 0; k < keys; k++) {
            long estimate = sketch.estimate(k * 7919L + 3);
            assertThat(estimate).isGreaterThanOrEqualTo(truth[k]);
            if (estimate > truth[k] + sketch.errorBound()) {
                overBound++;
            }
            if (estimate > truth[k]) {
                overestimated++;
            }
        }
        assertThat(overBound).isLessThanOrEqualTo((int) (0.01 * keys));
        assertThat(overestimated).as("collisions exist, so the bound is what is tested").isPositive();
    }

    @Test
    void rejectsOutOfRangeParameters() {
        assertThatThrownBy(() -> new CountMinSketch(0, 0.1, 1)).hasMessage("epsilon must lie in (0, 1), was 0.0");
        assertThatThrownBy(() -> new CountMinSketch(0.1, 1, 1)).hasMessage("delta must lie in (0, 1), was 1.0");
        assertThatThrownBy(() -> new CountMinSketch(0.1, 0.1, 1).add(1, -1))
                .hasMessage("count must be >= 0, was -1");
    }
}
