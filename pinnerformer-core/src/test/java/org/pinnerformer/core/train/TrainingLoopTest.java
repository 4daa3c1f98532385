package org.pinnerformer.core.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pinnerformer.api.Checkpoint;
import org.pinnerformer.api.FloatTensor;
import org.pinnerformer.api.ModelSpec;
import org.pinnerformer.api.PinnerFormerException;
import org.pinnerformer.api.TrainingBatch;
import org.pinnerformer.api.Vocabulary;
import org.pinnerformer.api.objective.TrainingOptions;
import org.pinnerformer.spi.Trainer;
import org.pinnerformer.model.LearningRateSchedule;

class TrainingLoopTest {

    /** Returns scripted losses; its checkpoint holds the step count so tests can tell checkpoints apart. */
    private static final class ScriptedTrainer implements Trainer {
        private final float[] losses;
        private long steps;

        ScriptedTrainer(float... losses) {
            this.losses = losses;
        }

        @Override
        public float step(TrainingBatch batch) {
            return losses[(int) steps++];
        }

        @Override
        public long steps() {
            return steps;
        }

        @Override
        public Checkpoint checkpoint() {
            return new Checkpoint(ModelSpec.smallPreset(), Vocabulary.of("a"), Vocabulary.of("s"),
                    Map.of("step", new FloatTensor(new int[] {1}, new float[] {steps})));
        }

        @Override
        public void close() {
        }
    }

    /** The loop never looks inside a batch, so a null stands in for one. */
    private static Iterator<TrainingBatch> batches(int n) {
        return Collections.<TrainingBatch>nCopies(n, null).iterator();
    }

    private static long stepOf(Checkpoint c) {
        return (long) c.tensor("step").get(0);
    }

    @Test
    void keepsTheBestValidatedCheckpoint() {
        double[] scores = {0.1, 0.3, 0.2};
        int[] calls = {0};
        TrainingResult r = TrainingLoop.builder(new ScriptedTrainer(4, 3, 2, 1, 1, 1), batches(100))
                .steps(6).evaluateEvery(2).validator(c -> scores[calls[0]++]).build().run();
        assertThat(r.steps()).isEqualTo(6);
        assertThat(r.validations()).extracting(ValidationPoint::step).containsExactly(2L, 4L, 6L);
        assertThat(r.validations().get(0).meanLoss()).isEqualTo(3.5);
        assertThat(r.bestStep()).isEqualTo(4);
        assertThat(r.bestScore()).isEqualTo(0.3);
        assertThat(stepOf(r.best())).isEqualTo(4);
        assertThat(r.losses()).containsExactly(4, 3, 2, 1, 1, 1);
        assertThat(r.stoppedEarly()).isFalse();
    }

    @Test
    void stopsEarlyAfterPatienceValidationsWithoutImprovement() {
        double[] scores = {0.5, 0.4, 0.4, 0.9};
        int[] calls = {0};
        List<Long> heard = new ArrayList<>();
        TrainingResult r = TrainingLoop.builder(new ScriptedTrainer(1, 1, 1, 1, 1, 1, 1, 1), batches(100))
                .steps(8).evaluateEvery(2).patience(2).validator(c -> scores[calls[0]++])
                .listener(new TrainingListener() {
                    @Override
                    public void validated(ValidationPoint point, boolean best) {
                        heard.add(point.step());
                    }
                }).build().run();
        assertThat(r.stoppedEarly()).isTrue();
        assertThat(r.steps()).isEqualTo(6);
        assertThat(heard).containsExactly(2L, 4L, 6L);
        assertThat(r.bestStep()).isEqualTo(2);
    }

    @Test
    void smoothingChoosesTheBestWindowNotOneLuckyValidation() {
        // one lucky spike at step 2, then a plateau that is better on average
        double[] scores = {0.1, 0.5, 0.2, 0.35, 0.4, 0.45, 0.3};
        int[] raw = {0};
        TrainingResult plain = TrainingLoop.builder(new ScriptedTrainer(new float[7]), batches(100))
                .steps(7).evaluateEvery(1).validator(c -> scores[raw[0]++]).build().run();
        assertThat(plain.bestStep()).isEqualTo(2);
        int[] smoothed = {0};
        TrainingResult r = TrainingLoop.builder(new ScriptedTrainer(new float[7]), batches(100))
                .steps(7).evaluateEvery(1).smoothing(3).validator(c -> scores[smoothed[0]++]).build().run();
        // window means: 0.1, 0.3, 0.2667, 0.35, 0.3167, 0.4, 0.3833: the best window ends at step 6
        assertThat(r.bestStep()).isEqualTo(6);
        assertThat(stepOf(r.best())).isEqualTo(6);
        assertThat(r.bestScore()).isCloseTo(0.4, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(r.validations()).extracting(ValidationPoint::score).containsExactly(0.1, 0.5, 0.2, 0.35, 0.4,
                0.45, 0.3);
    }

    @Test
    void smoothingCountsPatienceOnTheWindowMeans() {
        double[] scores = {0.5, 0.1, 0.1, 0.1, 0.9};
        int[] calls = {0};
        TrainingResult r = TrainingLoop.builder(new ScriptedTrainer(new float[5]), batches(100))
                .steps(5).evaluateEvery(1).smoothing(2).patience(2).validator(c -> scores[calls[0]++]).build().run();
        // means 0.5, 0.3, 0.1: two validations without improvement stop the run at step 3
        assertThat(r.stoppedEarly()).isTrue();
        assertThat(r.steps()).isEqualTo(3);
        assertThat(r.bestStep()).isEqualTo(1);
        assertThatThrownBy(() -> TrainingLoop.builder(new ScriptedTrainer(1), batches(1)).smoothing(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("smoothing");
    }

    @Test
    void withoutValidatorTheLastCheckpointIsTheResultAndTheSourceMayEndFirst() {
        TrainingResult r = TrainingLoop.builder(new ScriptedTrainer(2, 1, 1), batches(3)).steps(10).build().run();
        assertThat(r.steps()).isEqualTo(3);
        assertThat(stepOf(r.best())).isEqualTo(3);
        assertThat(r.bestScore()).isNaN();
        assertThat(r.validations()).isEmpty();
    }

    @Test
    void validatesAtTheEndEvenOffCadence() {
        TrainingResult r = TrainingLoop.builder(new ScriptedTrainer(1, 1, 1), batches(3)).steps(3)
                .evaluateEvery(2).validator(c -> 0.5).build().run();
        assertThat(r.validations()).extracting(ValidationPoint::step).containsExactly(2L, 3L);
    }

    @Test
    void aNonFiniteLossStopsTheRunNamingTheStep() {
        TrainingLoop loop = TrainingLoop.builder(new ScriptedTrainer(1, Float.NaN), batches(5)).steps(5).build();
        assertThatThrownBy(loop::run).isInstanceOf(PinnerFormerException.class)
                .hasMessageContaining("step 2").hasMessageContaining("non-finite loss");
    }

    @Test
    void anEmptySourceIsAnError() {
        TrainingLoop loop = TrainingLoop.builder(new ScriptedTrainer(), batches(0)).steps(5).build();
        assertThatThrownBy(loop::run).isInstanceOf(PinnerFormerException.class).hasMessageContaining("no batch");
    }

    @Test
    void epochsResolveToSteps() {
        TrainingOptions o = TrainingOptions.builder().batchSize(64).epochs(3).build();
        TrainingOptions resolved = TrainingLoop.resolveSteps(o, 1000);
        assertThat(resolved.steps()).isEqualTo(47);
        assertThat(resolved.epochs()).isZero();
        TrainingOptions plain = TrainingOptions.builder().steps(7).build();
        assertThat(TrainingLoop.resolveSteps(plain, 1000)).isSameAs(plain);
        assertThatThrownBy(() -> LearningRateSchedule.of(o)).hasMessageContaining("resolve them to steps");
    }

    @Test
    void scheduleWarmsUpLinearlyThenDecaysByCosineToTheFloor() {
        LearningRateSchedule s = new LearningRateSchedule(1e-3, 10, 110);
        assertThat(s.at(0)).isCloseTo(1e-4, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(s.at(9)).isCloseTo(1e-3, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(s.at(10)).isCloseTo(1e-3, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(s.at(60)).isCloseTo(1e-4 + 0.9e-3 * 0.5, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(s.at(110)).isCloseTo(1e-4, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(s.at(1000)).isCloseTo(1e-4, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(new LearningRateSchedule(1e-3, 0, 10).at(0)).isCloseTo(1e-3,
                org.assertj.core.data.Offset.offset(1e-12));
        assertThatThrownBy(() -> s.at(-1)).hasMessageContaining("step must be >= 0");
    }
}
