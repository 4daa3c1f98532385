package org.pinnerformer.core.eval;

import java.util.Arrays;
import java.util.Objects;
import java.util.OptionalDouble;
import org.pinnerformer.core.data.ItemCatalog;

/**
 * The formulas of the evaluation, on plain arrays (paper section 5, DESIGN section 6). {@link Evaluator}
 * aggregates them over users.
 *
 * <ul>
 *   <li>Recall@K of a user: {@code |top-K ∩ positives| / |positives|}; the reported recall is the mean over
 *       evaluated users (every user weighs the same, however many positives), not pooled over positives (the
 *       pooled value is reported alongside).</li>
 *   <li>P90 coverage@K: count how often each item fills one of the top-K slots of all users; the smallest
 *       number of distinct items whose slots add up to at least 90% of all slots, divided by the index size.
 *       Low coverage means everyone gets the same few items.</li>
 *   <li>Interest entropy@D: the Shannon entropy (natural log) of the category distribution of a user's top D
 *       items, where an item with {@code c} categories adds {@code 1/c} to each and items without categories
 *       are ignored; averaged over users with at least one categorised item.</li>
 * </ul>
 */
public final class Metrics {
    private Metrics() {
    }

    /**
     * How many of {@code positives} (distinct items) appear among the first {@code k} entries of {@code ranked}.
     */
    public static int hits(int[] ranked, int k, int[] positives) {
        Objects.requireNonNull(ranked, "ranked");
        Objects.requireNonNull(positives, "positives");
        int[] sorted = positives.clone();
        Arrays.sort(sorted);
        int hits = 0;
        for (int i = 0; i < Math.min(k, ranked.length); i++) {
            if (Arrays.binarySearch(sorted, ranked[i]) >= 0) {
                hits++;
            }
        }
        return hits;
    }

    /** Recall@k of one user: hits among the first {@code k} ranked items over the number of positives. */
    public static double recall(int[] ranked, int k, int[] positives) {
        if (positives.length == 0) {
            throw new IllegalArgumentException("positives must not be empty: recall is undefined without positives");
        }
        return (double) hits(ranked, k, positives) / positives.length;
    }

    /**
     * The share of {@code indexSize} needed to fill {@code share} of all slots.
     *
     * @param slotCounts how many top-K slots each item filled, over all users
     * @param share the share of slots, in (0, 1] (0.9 for P90)
     * @param indexSize the number of items retrieval chose from, {@code > 0}
     * @return the smallest number of distinct items covering {@code share} of the slots, over {@code indexSize};
     *     0 when there are no slots
     */
    public static double coverage(int[] slotCounts, double share, int indexSize) {
        Objects.requireNonNull(slotCounts, "slotCounts");
        if (!(share > 0 && share <= 1)) {
            throw new IllegalArgumentException("share must be in (0, 1], was " + share);
        }
        if (indexSize <= 0) {
            throw new IllegalArgumentException("indexSize must be > 0, was " + indexSize);
        }
        int[] sorted = slotCounts.clone();
        Arrays.sort(sorted);
        long total = 0;
        for (int c : sorted) {
            if (c < 0) {
                throw new IllegalArgumentException("slotCounts must be >= 0, held " + c);
            }
            total += c;
        }
        if (total == 0) {
            return 0;
        }
        // The tolerance keeps 0.9 * 10 from becoming 10 slots through rounding.
        double target = Math.ceil(share * total - 1e-9);
        long covered = 0;
        int items = 0;
        for (int i = sorted.length - 1; i >= 0 && covered < target; i--) {
            covered += sorted[i];
            items++;
        }
        return (double) items / indexSize;
    }

    /** P90 coverage: {@link #coverage} with share 0.9. */
    public static double p90Coverage(int[] slotCounts, int indexSize) {
        return coverage(slotCounts, 0.9, indexSize);
    }

    /**
     * Interest entropy of the first {@code depth} items of {@code ranked}, in nats; empty when none of them has
     * a category.
     */
    public static OptionalDouble interestEntropy(int[] ranked, int depth, ItemCatalog catalog) {
        Objects.requireNonNull(ranked, "ranked");
        Objects.requireNonNull(catalog, "catalog");
        double[] mass = new double[catalog.categoryNames().size()];
        double total = 0;
        for (int i = 0; i < Math.min(depth, ranked.length); i++) {
            int[] cats = catalog.categories(ranked[i]);
            for (int c : cats) {
                mass[c] += 1.0 / cats.length;
            }
            if (cats.length > 0) {
                total += 1;
            }
        }
        if (total == 0) {
            return OptionalDouble.empty();
        }
        double h = 0;
        for (double m : mass) {
            if (m > 0) {
                double p = m / total;
                h -= p * Math.log(p);
            }
        }
        return OptionalDouble.of(h);
    }

    /** The discounted gain of a hit at 1-based {@code rank}: {@code 1 / log2(rank + 1)}. */
    public static double ndcgAtRank(int rank) {
        if (rank <= 0) {
            throw new IllegalArgumentException("rank must be > 0, was " + rank);
        }
        return Math.log(2) / Math.log(rank + 1.0);
    }
}
