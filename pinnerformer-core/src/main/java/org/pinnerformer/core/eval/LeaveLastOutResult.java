package org.pinnerformer.core.eval;

import java.util.Objects;

/**
 * The result of the leave-last-out protocol for one method.
 *
 * @param method the method's name
 * @param k the cut-off of the hit rate and NDCG
 * @param users the number of evaluated users
 * @param skipped users skipped because they had no history before their last action
 * @param hitRate HR@k: the share of users whose held-out item ranks in the top k
 * @param ndcg NDCG@k: the mean over users of {@code 1 / log2(rank + 1)} when the rank is at most k, else 0
 * @param hitRateAt1 HR@1: the share of users whose held-out item ranks first
 * @param seconds wall-clock time
 */
public record LeaveLastOutResult(String method, int k, int users, int skipped, double hitRate, double ndcg,
        double hitRateAt1, double seconds) {

    /** Validates every field. */
    public LeaveLastOutResult {
        Objects.requireNonNull(method, "method");
        if (!(hitRate >= 0 && hitRate <= 1)) {
            throw new IllegalArgumentException("hitRate must be in [0, 1], was " + hitRate);
        }
        if (!(ndcg >= 0 && ndcg <= hitRate + 1e-12)) {
            throw new IllegalArgumentException("ndcg must be in [0, hitRate], was " + ndcg);
        }
        if (!(hitRateAt1 >= 0 && hitRateAt1 <= hitRate + 1e-12)) {
            throw new IllegalArgumentException("hitRateAt1 must be in [0, hitRate], was " + hitRateAt1);
        }
        if (!(seconds >= 0 && Double.isFinite(seconds))) {
            throw new IllegalArgumentException("seconds must be finite and >= 0, was " + seconds);
        }
    }
}
