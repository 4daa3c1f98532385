package org.pinnerformer.core.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.pinnerformer.core.eval.Fixtures.act;

import org.junit.jupiter.api.Test;
import org.pinnerformer.core.data.Dataset;
import org.pinnerformer.core.data.ItemVectors;

class LeaveLastOutTest {

    /** User 1: 0, 2 then held-out 1. User 2: 3 then held-out 2. User 3: one action, skipped. */
    private static Dataset data() {
        return Fixtures.dataset(Fixtures.fourItems(),
                act(1, 0, 1, true), act(1, 2, 2, true), act(1, 1, 3, true),
                act(2, 3, 1, true), act(2, 2, 2, true),
                act(3, 0, 1, true));
    }

    @Test
    void ranksTheHeldOutItemAmongAllItems() {
        Dataset ds = data();
        // Every user embeds to X: scores (1, 0, 0.6, -1), full order 0, 2, 1, 3.
        RetrievalMethod m = new RetrievalMethod.Embedding("x",
                new Fixtures.FixedEmbedder((u, cut) -> new float[] {1, 0}), ItemVectors.of(ds.catalog()).normalized());
        // Without exclusion: user 1's item 1 ranks 3rd, user 2's item 2 ranks 2nd.
        LeaveLastOutResult all = LeaveLastOut.evaluate(ds.timelines(), new int[] {0, 1, 2}, m, 2, false, 2);
        assertThat(all.users()).isEqualTo(2);
        assertThat(all.skipped()).isEqualTo(1);
        assertThat(all.hitRate()).isEqualTo(0.5);
        assertThat(all.ndcg()).isCloseTo(0.5 * (1 / (Math.log(3) / Math.log(2))), within(1e-12));
        assertThat(all.hitRateAt1()).isZero();
        // Excluding history: user 1 without 0 and 2 ranks item 1 first; user 2 without 3 ranks item 2 2nd.
        LeaveLastOutResult ex = LeaveLastOut.evaluate(ds.timelines(), new int[] {0, 1, 2}, m, 1, true, 1);
        assertThat(ex.hitRate()).isEqualTo(0.5);
        assertThat(ex.ndcg()).isEqualTo(0.5);
        assertThat(ex.hitRateAt1()).isEqualTo(0.5);
    }

    @Test
    void embedsFromTheActionsStrictlyBeforeTheLastOne() {
        Dataset ds = data();
        Fixtures.FixedEmbedder emb = new Fixtures.FixedEmbedder((u, cut) -> new float[] {1, 0});
        LeaveLastOut.evaluate(ds.timelines(), new int[] {0, 1}, new RetrievalMethod.Embedding("x", emb,
                ItemVectors.of(ds.catalog()).normalized()), 10, true, 1);
        assertThat(emb.calls.get(0)).containsExactly(Math.nextDown(3.0));
        assertThat(emb.calls.get(1)).containsExactly(Math.nextDown(2.0));
    }
}
