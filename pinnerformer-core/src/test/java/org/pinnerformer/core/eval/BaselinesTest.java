package org.pinnerformer.core.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.pinnerformer.core.eval.Fixtures.act;

import org.junit.jupiter.api.Test;
import org.pinnerformer.api.ProgressListener;
import org.pinnerformer.core.data.Dataset;
import org.pinnerformer.core.data.ItemCatalog;
import org.pinnerformer.core.data.ItemVectors;
import org.pinnerformer.core.data.TrainingPeriod;

class BaselinesTest {

    /** Items 0 (1,0), 1 (0,1), 2 (0.6,0.8), 3 (-1,0) and 4 (zero vector: unseen in training). */
    private static ItemCatalog fiveItems() {
        ItemCatalog.Builder b = ItemCatalog.builder(2);
        b.add(10, new float[] {1, 0}, null);
        b.add(11, new float[] {0, 1}, null);
        b.add(12, new float[] {0.6f, 0.8f}, null);
        b.add(13, new float[] {-1, 0}, null);
        b.add(14, new float[] {0, 0}, null);
        return b.build();
    }

    private static Dataset data() {
        return Fixtures.dataset(fiveItems(),
                act(1, 0, 100, true), act(1, 1, 200, true), act(1, 3, 250, false), act(1, 2, 300, true),
                act(1, 4, 350, true), act(1, 2, 900, true),
                act(2, 1, 150, true), act(2, 1, 160, true), act(2, 3, 170, true), act(2, 1, 800, true));
    }

    @Test
    void popularityCountsPositiveActionsOfTheTrainingPeriodOnly() {
        Dataset ds = data();
        RetrievalMethod.ItemScores p = (RetrievalMethod.ItemScores) Baselines.popularity(ds.timelines(), 5,
                TrainingPeriod.before(500));
        // Before 500: item 0 once (user 1), item 1 three times, item 2 once, item 3 once (user 2; user 1's is
        // negative), item 4 once. Later actions (900, 800) are not counted.
        assertThat(p.scores()).containsExactly(1, 3, 1, 1, 1);
        assertThat(p.name()).isEqualTo("popularity");
    }

    @Test
    void recentMeanAveragesTheLastMPositiveItemsWithAVectorAndNormalises() {
        Dataset ds = data();
        ItemVectors items = ItemVectors.of(ds.catalog()).normalized();
        RetrievalMethod.Embedding m = (RetrievalMethod.Embedding) Baselines.recentMean(ds.timelines(), items, 2);
        // User 1 at 400: positives 0, 1, 2, 4 (3 is negative); 4 has no vector; the last two are 2 and 1:
        // (0.6, 1.8) / |(0.6, 1.8)|.
        float[] v = m.users().embed(new int[] {0, 1, 0}, new double[] {400, 165, 50});
        double norm = Math.hypot(0.6, 1.8);
        assertThat(v[0]).isCloseTo((float) (0.6 / norm), within(1e-6f));
        assertThat(v[1]).isCloseTo((float) (1.8 / norm), within(1e-6f));
        // User 2 at 165: items 1 and 1: (0, 1).
        assertThat(v[2]).isCloseTo(0f, within(1e-7f));
        assertThat(v[3]).isCloseTo(1f, within(1e-7f));
        // User 1 before any action: the zero embedding.
        assertThat(v[4]).isZero();
        assertThat(v[5]).isZero();
        assertThat(m.name()).isEqualTo("recent-mean-2");
    }

    @Test
    void lastItemIsTheVectorOfTheLastPositiveItemWithAVector() {
        Dataset ds = data();
        ItemVectors items = ItemVectors.of(ds.catalog()).normalized();
        RetrievalMethod.Embedding m = (RetrievalMethod.Embedding) Baselines.lastItem(ds.timelines(), items);
        float[] v = m.users().embed(new int[] {0, 0, 1}, new double[] {400, 1000, 500});
        assertThat(v).containsExactly(new float[] {0.6f, 0.8f, 0.6f, 0.8f, -1, 0}, within(1e-6f));
    }

    @Test
    void baselinesRunThroughTheEvaluatorOnAHandBuiltCatalogue() {
        Dataset ds = data();
        EvalProtocol protocol = EvalProtocol.prepare(ds, UserSplit.allEval(2), CutPolicy.globalTime(500),
                EvalOptions.defaults(3).withK(1).withWindowDays(1).withThreads(1));
        ItemVectors items = ItemVectors.of(ds.catalog()).normalized();
        var results = new Evaluator(protocol).evaluateAll(Baselines.all(protocol, items, 3), ProgressListener.none());
        // Positives: user 1 item 2 (at 900), user 2 item 1 (at 800).
        // Popularity (counts at or before 500: 1, 3, 1, 1, 1) puts item 1 first: user 2 found, user 1 not.
        assertThat(results.get(0).recall()).isEqualTo(0.5);
        // Recent mean of 3: user 1 = items 2, 1, 0 (4 has no vector): (1.6, 1.8), best item 2 (2.4): found.
        // User 2 = items 3, 1, 1: (-1, 2), best item 1 (2): found.
        assertThat(results.get(1).recall()).isEqualTo(1.0);
        // Last item: user 1's is item 2 (item 4 has no vector), best item 2: found; user 2's is item 3: not.
        assertThat(results.get(2).recall()).isEqualTo(0.5);
        assertThat(results).extracting(MethodResult::method)
                .containsExactly("popularity", "recent-mean-3", "last-item");
    }
}
