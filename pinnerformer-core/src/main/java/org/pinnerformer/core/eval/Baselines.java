package org.pinnerformer.core.eval;

import java.util.List;
import java.util.Objects;
import org.pinnerformer.core.data.ItemVectors;
import org.pinnerformer.core.data.Timelines;
import org.pinnerformer.core.data.TrainingPeriod;

/**
 * Model-free methods that any learned user embedding should beat, evaluated by the same code as models:
 * <ul>
 *   <li>{@link #popularity}: every user gets the items with the most positive actions in the training period;</li>
 *   <li>{@link #recentMean}: the mean of the item vectors of the user's last {@code M} positive actions at or
 *       before the cut, L2-normalised (the classic pooled-history user vector);</li>
 *   <li>{@link #lastItem}: the item vector of the user's last positive action at or before the cut.</li>
 * </ul>
 * The recent-item baselines skip items whose vector is zero (items unseen in the training period, for vectors
 * learned from co-engagement) when choosing the last M; a user with no such item gets the zero embedding (every
 * item scores 0, so the lowest item indexes are retrieved).
 */
public final class Baselines {
    /** The name of the popularity baseline. */
    public static final String POPULARITY = "popularity";
    /** The name of the last-item baseline. */
    public static final String LAST_ITEM = "last-item";

    private Baselines() {
    }

    /**
     * Popularity: each item's score is its number of positive actions in {@code period}.
     *
     * @param itemCount the size of the catalogue the timelines index into
     */
    public static RetrievalMethod popularity(Timelines timelines, int itemCount, TrainingPeriod period) {
        Objects.requireNonNull(timelines, "timelines");
        Objects.requireNonNull(period, "period");
        if (itemCount <= 0) {
            throw new IllegalArgumentException("itemCount must be > 0, was " + itemCount);
        }
        float[] counts = new float[itemCount];
        for (int u = 0; u < timelines.userCount(); u++) {
            int end = period.end(timelines, u);
            for (int i = timelines.start(u); i < end; i++) {
                if (timelines.isPositive(i)) {
                    counts[Objects.checkIndex(timelines.item(i), itemCount)]++;
                }
            }
        }
        return new RetrievalMethod.ItemScores(POPULARITY, counts);
    }

    /** The mean of the last {@code m} positive items' vectors, named {@code "recent-mean-" + m}. */
    public static RetrievalMethod recentMean(Timelines timelines, ItemVectors items, int m) {
        return new RetrievalMethod.Embedding("recent-mean-" + m, new RecentItemsEmbedder(timelines, items, m),
                items);
    }

    /** The vector of the last positive item. */
    public static RetrievalMethod lastItem(Timelines timelines, ItemVectors items) {
        return new RetrievalMethod.Embedding(LAST_ITEM, new RecentItemsEmbedder(timelines, items, 1), items);
    }

    /**
     * The three baselines for a prepared protocol: popularity over its training period, recent mean of the last
     * {@code m} items and last item over {@code items}.
     */
    public static List<RetrievalMethod> all(EvalProtocol protocol, ItemVectors items, int m) {
        Timelines t = protocol.dataset().timelines();
        return List.of(popularity(t, protocol.dataset().catalog().size(), protocol.trainingPeriod()),
                recentMean(t, items, m), lastItem(t, items));
    }

    /** The normalised mean of the vectors of a user's last M positive items with a non-zero vector. */
    static final class RecentItemsEmbedder implements UserEmbedder {
        private final Timelines timelines;
        private final ItemVectors items;
        private final int m;

        RecentItemsEmbedder(Timelines timelines, ItemVectors items, int m) {
            this.timelines = Objects.requireNonNull(timelines, "timelines");
            this.items = Objects.requireNonNull(items, "items");
            if (m <= 0) {
                throw new IllegalArgumentException("m must be > 0, was " + m);
            }
            this.m = m;
        }

        @Override
        public int dimension() {
            return items.dimension();
        }

        @Override
        public float[] embed(int[] users, double[] cutTimes) {
            if (users.length != cutTimes.length) {
                throw new IllegalArgumentException("cutTimes must hold one time per user, " + users.length
                        + " expected, held " + cutTimes.length);
            }
            int d = items.dimension();
            float[] out = new float[users.length * d];
            double[] sum = new double[d];
            for (int q = 0; q < users.length; q++) {
                int u = users[q];
                java.util.Arrays.fill(sum, 0);
                int taken = 0;
                for (int i = timelines.firstAfter(u, cutTimes[q]) - 1; i >= timelines.start(u) && taken < m; i--) {
                    int item = timelines.item(i);
                    if (timelines.isPositive(i) && !items.isZero(item)) {
                        items.addTo(item, sum);
                        taken++;
                    }
                }
                double norm = 0;
                for (double s : sum) {
                    norm += s * s;
                }
                if (norm > 0) {
                    double inv = 1 / Math.sqrt(norm);
                    for (int c = 0; c < d; c++) {
                        out[q * d + c] = (float) (sum[c] * inv);
                    }
                }
            }
            return out;
        }
    }
}
