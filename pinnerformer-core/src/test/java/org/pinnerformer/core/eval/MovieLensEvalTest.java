package org.pinnerformer.core.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.pinnerformer.api.ProgressListener;
import org.pinnerformer.core.data.CoEngagementOptions;
import org.pinnerformer.core.data.Dataset;
import org.pinnerformer.core.data.ItemVectors;
import org.pinnerformer.core.data.MovieLens;

class MovieLensEvalTest {

    @Test
    void baselinesRunOnTheBundledLatestSmallWithRecallBetweenZeroAndOne() {
        Dataset ml = MovieLens.latestSmall(Fixtures.latestSmall());
        int users = ml.timelines().userCount();
        CutPolicy cut = CutPolicy.fraction(0.8);
        EvalExamples everyone = EvalExamples.build(ml.timelines(), UserSplit.allEval(users).evalUsers(), cut, 28);
        assertThat(everyone.skippedNoHistory()).isZero();
        assertThat(everyone.size() + everyone.skippedNoPositive()).isEqualTo(users);
        EvalProtocol protocol = EvalProtocol.prepare(ml, UserSplit.random(users, 0.2, 42), cut,
                EvalOptions.defaults(42).withThreads(2));
        ItemVectors items = ItemVectors.of(
                ml.withCoEngagementVectors(protocol.trainingPeriod(), CoEngagementOptions.defaults(42)).catalog()).normalized();
        long started = System.nanoTime();
        List<MethodResult> results = new Evaluator(protocol).evaluateAll(Baselines.all(protocol, items, 20),
                ProgressListener.none());
        double seconds = (System.nanoTime() - started) / 1e9;
        for (MethodResult r : results) {
            assertThat(r.recall()).as(r.method()).isStrictlyBetween(0.0, 1.0);
            assertThat(r.users()).isEqualTo(protocol.examples().size());
            assertThat(r.entropy()).isPresent();
        }
        // Figures for the record (not asserted: timings vary by machine).
        System.out.printf(Locale.ROOT, "ml-latest-small, 80%% cut, 28-day window: %d of %d users (%.4f) have a"
                + " positive; eval split: %d of %d%n", everyone.size(), users, everyone.evaluatedFraction(),
                protocol.examples().size(), protocol.examples().candidates());
        System.out.printf(Locale.ROOT, "baselines evaluated in %.3f s%n%s", seconds, ResultTable.markdown(results));
    }
}
