package org.pinnerformer.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.pinnerformer.core.eval.MethodResult;
import org.pinnerformer.core.pipeline.ExperimentResult;

class TrainAndEvaluateTest {

    @Test
    void trainsAFewStepsOnTheBundledDataAndEvaluatesNextToTheBaselines() {
        Path data = Path.of(System.getProperty("basedir", ".")).resolve("../data/ml-latest-small").normalize();
        ExperimentResult r = TrainAndEvaluate.run(data, 12, 7);
        assertThat(r.training().steps()).isPositive().isLessThanOrEqualTo(12);
        assertThat(r.results()).extracting(MethodResult::method)
                .containsExactly("pinnerformer/dense-all-action", "popularity", "recent-mean-20", "last-item");
        for (MethodResult m : r.results()) {
            assertThat(m.recall()).isBetween(0.0, 1.0);
        }
    }
}
