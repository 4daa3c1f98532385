package org.pinnerformer.core.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.pinnerformer.core.eval.Fixtures.DAY;
import static org.pinnerformer.core.eval.Fixtures.act;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.pinnerformer.core.data.Dataset;
import org.pinnerformer.core.data.ItemVectors;

class EvaluatorTest {
    private static final double T = 1_000_000;
    private static final float[] X = {1, 0};
    private static final float[] Y = {0, 1};

    /**
     * User 1 (index 0): history item 0, positives item 2 at T + 10 and item 1 on the second day of the window.
     * User 2 (index 1): history item 1, positive item 3 at T + 500.
     */
    private static Dataset twoUsers() {
        return Fixtures.dataset(Fixtures.fourItems(),
                act(1, 0, T - 100, true), act(1, 2, T + 10, true), act(1, 1, T + DAY + 5, true),
                act(2, 1, T - 50, true), act(2, 3, T + 500, true));
    }

    private static EvalProtocol protocol(Dataset ds, EvalOptions options) {
        return EvalProtocol.prepare(ds, UserSplit.allEval(2), CutPolicy.globalTime(T), options);
    }

    private static EvalOptions options() {
        return EvalOptions.defaults(1).withK(2).withEntropyDepth(2).withThreads(2);
    }

    @Test
    void recallCoverageAndEntropyMatchHandComputedValues() {
        Dataset ds = twoUsers();
        ItemVectors items = ItemVectors.of(ds.catalog()).normalized();
        // User 1 at X scores items (1, 0, 0.6, -1): top 2 = [0, 2], finds item 2 of {2, 1}: recall 1/2.
        // User 2 at Y scores (0, 1, 0.8, 0): top 2 = [1, 2], misses item 3: recall 0.
        Fixtures.FixedEmbedder emb = new Fixtures.FixedEmbedder((u, cut) -> u == 0 ? X : Y);
        MethodResult r = new Evaluator(protocol(ds, options())).evaluate(
                new RetrievalMethod.Embedding("fixed", emb, items));
        assertThat(r.users()).isEqualTo(2);
        assertThat(r.positives()).isEqualTo(3);
        assertThat(r.recall()).isEqualTo(0.25);
        assertThat(r.pooledRecall()).isEqualTo(1.0 / 3);
        // Slots: item 2 twice, items 0 and 1 once: 90% of 4 = 4 slots need all three items, of an index of 4.
        assertThat(r.coverage()).isEqualTo(0.75);
        // Genres: [A, A] has entropy 0, [B, A] ln 2.
        assertThat(r.entropy().getAsDouble()).isCloseTo(Math.log(2) / 2, within(1e-12));
        assertThat(r.queries()).isEqualTo(2);
        assertThat(emb.calls.get(0)).containsExactly(T);
        assertThat(emb.calls.get(1)).containsExactly(T);
    }

    @Test
    void dailyModeReEmbedsAtTheStartOfEachDayWithAPositive() {
        Dataset ds = twoUsers();
        ItemVectors items = ItemVectors.of(ds.catalog()).normalized();
        // From the second day on, user 1 looks like Y, whose top 2 = [1, 2] holds item 1.
        Fixtures.FixedEmbedder emb = new Fixtures.FixedEmbedder((u, cut) -> u == 0 && cut >= T + DAY ? Y
                : u == 0 ? X : Y);
        RetrievalMethod m = new RetrievalMethod.Embedding("fixed", emb, items);
        MethodResult once = new Evaluator(protocol(ds, options())).evaluate(m);
        emb.calls.clear();
        MethodResult daily = new Evaluator(protocol(ds, options().withMode(InferenceMode.DAILY))).evaluate(m);
        assertThat(once.recall()).isEqualTo(0.25);
        assertThat(daily.recall()).isEqualTo(0.5); // user 1 finds both positives, user 2 still none
        assertThat(emb.calls.get(0)).containsExactly(T, T + DAY);
        assertThat(emb.calls.get(1)).containsExactly(T);
        assertThat(daily.queries()).isEqualTo(3);
        assertThat(daily.coverage()).isEqualTo(once.coverage()); // coverage uses the embedding at the cut
    }

    @Test
    void realtimeModeEmbedsJustBeforeEachPositive() {
        Dataset ds = twoUsers();
        Fixtures.FixedEmbedder emb = new Fixtures.FixedEmbedder((u, cut) -> X);
        new Evaluator(protocol(ds, options().withMode(InferenceMode.REALTIME)))
                .evaluate(new RetrievalMethod.Embedding("fixed", emb, ItemVectors.of(ds.catalog()).normalized()));
        assertThat(emb.calls.get(0)).containsExactly(T, Math.nextDown(T + 10), Math.nextDown(T + DAY + 5));
        assertThat(emb.calls.get(1)).containsExactly(T, Math.nextDown(T + 500));
    }

    @Test
    void excludingSeenItemsRemovesTheUsersHistoryFromTheCandidates() {
        Dataset ds = twoUsers();
        ItemVectors items = ItemVectors.of(ds.catalog()).normalized();
        Fixtures.FixedEmbedder emb = new Fixtures.FixedEmbedder((u, cut) -> u == 0 ? X : Y);
        RetrievalMethod m = new RetrievalMethod.Embedding("fixed", emb, items);
        // User 1 without item 0: X ranks [2, 1]: both positives found. User 2 without item 1: Y ranks [2, 0].
        MethodResult r = new Evaluator(protocol(ds, options().withExcludeSeen(true))).evaluate(m);
        assertThat(r.recall()).isEqualTo(0.5);
    }

    @Test
    void aSampledIndexHoldsTheSampleAndEachUsersPositivesOnly() {
        Dataset ds = twoUsers();
        EvalProtocol p = protocol(ds, options().withIndex(EvalIndex.sampled(1)).withK(1));
        assertThat(p.sharedIndex()).hasSize(1);
        int s = p.sharedIndex()[0];
        assertThat(p.sharedIndex()).containsExactly(protocol(ds, options().withIndex(EvalIndex.sampled(1)))
                .sharedIndex());
        // The effective index is the sample and all positives {1, 2, 3}.
        assertThat(p.indexSize()).isEqualTo(s == 0 ? 4 : 3);
        // Equal scores rank the lowest candidate first: user 1 sees min{s, 2, 1}, user 2 min{s, 3}.
        MethodResult r = new Evaluator(p).evaluate(new RetrievalMethod.ItemScores("flat", new float[4]));
        double user1 = s == 0 ? 0 : 0.5;
        double user2 = s == 3 ? 1 : 0;
        assertThat(r.recall()).isEqualTo((user1 + user2) / 2);
        // Over all items, both users would see item 0 and find nothing.
        assertThat(new Evaluator(protocol(ds, options().withK(1))).evaluate(
                new RetrievalMethod.ItemScores("flat", new float[4])).recall()).isZero();
    }

    @Test
    void resultsDoNotDependOnThreadsOrBatchSize() {
        Dataset ds = twoUsers();
        ItemVectors items = ItemVectors.of(ds.catalog()).normalized();
        RetrievalMethod m = new RetrievalMethod.Embedding("fixed",
                new Fixtures.FixedEmbedder((u, cut) -> u == 0 ? X : Y), items);
        MethodResult a = new Evaluator(protocol(ds, options().withThreads(1).withBatchSize(1))).evaluate(m);
        MethodResult b = new Evaluator(protocol(ds, options().withThreads(4).withBatchSize(100))).evaluate(m);
        assertThat(List.of(a.recall(), a.coverage(), a.entropy().getAsDouble()))
                .containsExactly(b.recall(), b.coverage(), b.entropy().getAsDouble());
    }

    @Test
    void reportsProgressAfterEachBatch() {
        Dataset ds = twoUsers();
        List<String> seen = new java.util.ArrayList<>();
        new Evaluator(protocol(ds, options().withBatchSize(1))).evaluate(
                new RetrievalMethod.ItemScores("flat", new float[4]),
                (method, done, total) -> seen.add(method + " " + done + "/" + total));
        assertThat(seen).containsExactly("flat 1/2", "flat 2/2");
    }

    @Test
    void rejectsEmbeddingsThatAreNotUnitNormOrMisaligned() {
        Dataset ds = twoUsers();
        ItemVectors items = ItemVectors.of(ds.catalog()).normalized();
        Evaluator ev = new Evaluator(protocol(ds, options()));
        assertThatThrownBy(() -> ev.evaluate(new RetrievalMethod.Embedding("bad",
                new Fixtures.FixedEmbedder((u, cut) -> new float[] {2, 0}), items)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("the user embedder of bad returned a vector of norm 2.0 for user 1 at cut 1000000.0;"
                        + " embeddings must have unit L2 norm or be zero");
        ItemVectors other = ItemVectors.unitOrZero(new long[] {10, 11, 12, 99}, new float[8], 2);
        assertThatThrownBy(() -> ev.evaluate(new RetrievalMethod.Embedding("x",
                new Fixtures.FixedEmbedder((u, cut) -> X), other)))
                .hasMessage("item 3 of the item vectors is 99 but item 3 of the catalogue is 13;"
                        + " build them from the same catalogue");
        assertThatThrownBy(() -> ev.evaluate(new RetrievalMethod.ItemScores("p", new float[3])))
                .hasMessage("method p scores 3 items but the catalogue holds 4");
    }
}
