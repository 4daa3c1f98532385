package org.pinnerformer.core.eval;

import java.util.Arrays;
import java.util.Objects;
import org.pinnerformer.core.data.Timelines;
import org.pinnerformer.core.retrieval.ItemScorer;
import org.pinnerformer.core.retrieval.Parallel;
import org.pinnerformer.core.retrieval.TopKHeap;

/**
 * The next-item protocol of sequence-only data sets (SASRec and its successors), with full ranking: each
 * user's last action is held out, the user is embedded from the actions strictly before it, and the held-out
 * item is ranked among all items (no sampled negatives). HR@K (= Recall@K: one held-out item per user) is the share
 * of users whose item ranks in the top K, HR@1 the share ranking first; NDCG@K averages {@code 1 / log2(rank + 1)} over users (0 beyond K).
 *
 * <p>Rules: rank = 1 + the number of candidates ranking before the target in {@link org.pinnerformer.core.retrieval.ExactTopK}'s order (higher
 * score, then lower item index). With {@code excludeHistory} (the usual choice in full-ranking papers), items
 * of the user's history are not candidates, except the target itself when the user repeats it. A user whose
 * actions all share the last action's timestamp has no history and is skipped and counted. Train on
 * {@link org.pinnerformer.core.data.TrainingPeriod#allButLast(int)} with count 1 so that nothing learned saw the
 * held-out items (a validation split would hold out the second-last action too).
 */
public final class LeaveLastOut {
    private static final int BATCH = 256;

    private LeaveLastOut() {
    }

    /**
     * Evaluates a method.
     *
     * @param users dense indexes of the users to evaluate
     * @param k the cut-off, {@code > 0} (10)
     * @param threads scoring threads, {@code > 0}
     */
    public static LeaveLastOutResult evaluate(Timelines timelines, int[] users, RetrievalMethod method, int k,
            boolean excludeHistory, int threads) {
        Objects.requireNonNull(timelines, "timelines");
        Objects.requireNonNull(users, "users");
        Objects.requireNonNull(method, "method");
        if (k <= 0) {
            throw new IllegalArgumentException("k must be > 0, was " + k);
        }
        if (threads <= 0) {
            throw new IllegalArgumentException("threads must be > 0, was " + threads);
        }
        long started = System.nanoTime();
        int n = method instanceof RetrievalMethod.Embedding m ? m.items().size()
                : ((RetrievalMethod.ItemScores) method).size();
        int[] kept = new int[users.length];
        int count = 0;
        for (int u : users) {
            Objects.checkIndex(u, timelines.userCount());
            if (timelines.length(u) >= 2 && timelines.timestamp(timelines.start(u)) < lastTime(timelines, u)) {
                kept[count++] = u;
            }
        }
        int skipped = users.length - count;
        int[] evaluated = Arrays.copyOf(kept, count);
        double hits = 0;
        double gain = 0;
        double firsts = 0;
        try (Parallel parallel = new Parallel(threads)) {
            for (int from = 0; from < count; from += BATCH) {
                int[] batch = Arrays.copyOfRange(evaluated, from, Math.min(count, from + BATCH));
                double[] cuts = new double[batch.length];
                for (int i = 0; i < batch.length; i++) {
                    cuts[i] = Math.nextDown(lastTime(timelines, batch[i]));
                }
                float[] vectors = null;
                int d = 0;
                if (method instanceof RetrievalMethod.Embedding m) {
                    d = m.items().dimension();
                    vectors = m.users().embed(batch.clone(), cuts.clone());
                    if (vectors.length != batch.length * d) {
                        throw new IllegalStateException("the user embedder of " + m.name() + " returned "
                                + vectors.length + " values for " + batch.length + " users of dimension " + d);
                    }
                }
                int[] ranks = new int[batch.length];
                float[] v = vectors;
                int dim = d;
                parallel.forEach(batch.length, () -> excludeHistory ? new boolean[n] : null, (excluded, i) -> {
                    int offset = i * dim;
                    ItemScorer scorer = method instanceof RetrievalMethod.Embedding m
                            ? item -> m.items().dot(item, v, offset)
                            : ((RetrievalMethod.ItemScores) method)::score;
                    ranks[i] = rank(timelines, batch[i], cuts[i], scorer, n, excluded);
                });
                for (int r : ranks) {
                    if (r == 1) {
                        firsts++;
                    }
                    if (r <= k) {
                        hits++;
                        gain += Metrics.ndcgAtRank(r);
                    }
                }
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        return new LeaveLastOutResult(method.name(), k, count, skipped, count == 0 ? 0 : hits / count,
                count == 0 ? 0 : gain / count, count == 0 ? 0 : firsts / count, seconds);
    }

    private static double lastTime(Timelines t, int u) {
        return t.timestamp(t.end(u) - 1);
    }

    /** The 1-based rank of user {@code u}'s last item among all (non-excluded) items. */
    static int rank(Timelines t, int u, double cut, ItemScorer scorer, int n, boolean[] excluded) {
        int target = t.item(t.end(u) - 1);
        int historyEnd = t.firstAfter(u, cut);
        if (excluded != null) {
            for (int a = t.start(u); a < historyEnd; a++) {
                excluded[t.item(a)] = true;
            }
            excluded[target] = false;
        }
        float targetScore = scorer.score(target);
        int before = 0;
        for (int i = 0; i < n; i++) {
            if (i != target && (excluded == null || !excluded[i])
                    && TopKHeap.better(scorer.score(i), i, targetScore, target)) {
                before++;
            }
        }
        if (excluded != null) {
            for (int a = t.start(u); a < historyEnd; a++) {
                excluded[t.item(a)] = false;
            }
        }
        return before + 1;
    }
}
