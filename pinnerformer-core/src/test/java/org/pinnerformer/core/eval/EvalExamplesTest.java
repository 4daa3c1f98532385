package org.pinnerformer.core.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.pinnerformer.core.eval.Fixtures.DAY;
import static org.pinnerformer.core.eval.Fixtures.act;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.pinnerformer.core.data.Dataset;
import org.pinnerformer.core.data.Timelines;
import org.pinnerformer.core.data.TrainingPeriod;

class EvalExamplesTest {
    private static final double T = 1_000_000;

    @Test
    void windowExcludesTheCutAndIncludesItsEnd() {
        Dataset ds = Fixtures.dataset(Fixtures.fourItems(),
                act(1, 0, T - 5, true),
                act(1, 1, T, true),              // at the cut: history, not a positive
                act(1, 2, T + 1, true),          // first second of the window
                act(1, 3, T + 2, false),         // not a positive action type
                act(1, 2, T + 3, true),          // the same item again: one positive
                act(1, 3, T + 2 * DAY, true),    // the window's last second
                act(1, 0, T + 2 * DAY + 1, true)); // after the window
        EvalExamples ex = EvalExamples.build(ds.timelines(), new int[] {0}, CutPolicy.globalTime(T), 2);
        assertThat(ex.size()).isEqualTo(1);
        EvalExample e = ex.examples().get(0);
        assertThat(e.userId()).isEqualTo(1);
        assertThat(e.cut()).isEqualTo(T);
        assertThat(e.positives()).containsExactly(2, 3);
        assertThat(e.positiveTimes()).containsExactly(T + 1, T + 2 * DAY);
        assertThat(ex.positiveCount()).isEqualTo(2);
    }

    @Test
    void usersWithoutHistoryOrWithoutPositivesAreSkippedAndCounted() {
        Dataset ds = Fixtures.dataset(Fixtures.fourItems(),
                act(1, 0, T - 5, true), act(1, 1, T + 10, true),      // evaluated
                act(2, 0, T - 5, true), act(2, 1, T + 10, false),     // no positive in the window
                act(3, 0, T - 5, true), act(3, 1, T + 3 * DAY, true), // positive only after the window
                act(4, 0, T + 1, true));                                // nothing at or before the cut
        EvalExamples ex = EvalExamples.build(ds.timelines(), new int[] {0, 1, 2, 3}, CutPolicy.globalTime(T), 2);
        assertThat(ex.examples()).extracting(EvalExample::userId).containsExactly(1L);
        assertThat(ex.candidates()).isEqualTo(4);
        assertThat(ex.skippedNoPositive()).isEqualTo(2);
        assertThat(ex.skippedNoHistory()).isEqualTo(1);
        assertThat(ex.evaluatedFraction()).isEqualTo(0.25);
    }

    @Test
    void fractionCutEndsAfterTheFirstShareOfEachTimelineAndKeepsSameSecondActionsAsHistory() {
        Dataset ds = Fixtures.dataset(Fixtures.fourItems(),
                act(1, 0, 100, true), act(1, 1, 200, true), act(1, 2, 300, true), act(1, 3, 400, true),
                act(1, 0, 500, true),                              // 5 actions: cut after 4 = 400
                act(2, 0, 100, true), act(2, 1, 200, true), act(2, 2, 200, true)); // 3 actions: h = 2, cut 200
        Timelines t = ds.timelines();
        CutPolicy p = CutPolicy.fraction(0.8);
        assertThat(p.cut(t, 0).getAsDouble()).isEqualTo(400);
        assertThat(p.cut(t, 1).getAsDouble()).isEqualTo(200);
        EvalExamples ex = EvalExamples.build(t, new int[] {0, 1}, p, 28);
        assertThat(ex.examples()).hasSize(1);
        assertThat(ex.examples().get(0).positives()).containsExactly(0);
        assertThat(ex.skippedNoPositive()).isEqualTo(1); // user 2's third action shares the cut's second
    }

    @Test
    void trainingPeriodsNeverReachIntoAnEvaluatedWindow() {
        Dataset ds = Fixtures.dataset(Fixtures.fourItems(),
                act(1, 0, 100, true), act(1, 1, 200, true), act(1, 2, 300, true),
                act(2, 0, 100, true), act(2, 1, 200, true), act(2, 2, 300, true));
        Timelines t = ds.timelines();
        UserSplit split = UserSplit.random(2, 0.5, 1);
        int eval = split.evalUsers()[0];
        int train = split.trainUsers()[0];
        TrainingPeriod fraction = CutPolicy.fraction(0.5).trainingPeriod(t, split);
        assertThat(fraction.end(t, eval) - t.start(eval)).isEqualTo(1);   // only the history of the evaluated user
        assertThat(fraction.end(t, train) - t.start(train)).isEqualTo(3); // every action of the training user
        TrainingPeriod global = CutPolicy.globalTime(200).trainingPeriod(t, split);
        assertThat(global.end(t, eval) - t.start(eval)).isEqualTo(2);     // actions at or before 200, everyone
        assertThat(global.end(t, train) - t.start(train)).isEqualTo(2);
    }

    @Test
    void argumentErrorsAreSentences() {
        assertThatThrownBy(() -> CutPolicy.fraction(1)).hasMessage("fraction must be in (0, 1), was 1.0");
        assertThatThrownBy(() -> CutPolicy.globalTime(Double.NaN)).hasMessage("time must be finite, was NaN");
        Timelines t = Fixtures.dataset(Fixtures.fourItems(), act(1, 0, 1, true)).timelines();
        assertThatThrownBy(() -> EvalExamples.build(t, new int[0], CutPolicy.globalTime(1), 0))
                .hasMessage("windowDays must be > 0, was 0");
        assertThatThrownBy(() -> EvalOptions.defaults(1).withK(0)).hasMessage("k must be > 0, was 0");
        assertThatThrownBy(() -> EvalIndex.sampled(0)).hasMessage("size must be > 0, was 0");
        assertThat(List.of(EvalIndex.allItems().describe(), EvalIndex.sampled(5).describe()))
                .containsExactly("all items", "random 5 items + positives");
    }
}
