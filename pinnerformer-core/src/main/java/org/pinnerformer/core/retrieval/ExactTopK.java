package org.pinnerformer.core.retrieval;

import java.util.Objects;
import org.pinnerformer.core.data.ItemVectors;

/**
 * Exact top-K retrieval by brute force: every candidate is scored (a dot product with the query for an
 * {@link ItemVectors}) and the best K are kept in a bounded heap, so memory is O(K) per query and time O(N D).
 * Results are best first; equal scores rank the lower item index first, so the result is a pure function of
 * the scores. Many queries run in parallel, each on one thread.
 */
public final class ExactTopK {
    private ExactTopK() {
    }

    /**
     * The {@code k} items of {@code space} with the highest inner product with {@code query}, best first (fewer
     * when the space has fewer items).
     */
    public static int[] search(ItemVectors space, float[] query, int k) {
        Objects.requireNonNull(space, "space");
        checkQuery(space, query, 0);
        checkK(k);
        return search(item -> space.dot(item, query, 0), null, space.size(), new int[0], null, new TopKHeap(
                Math.min(k, space.size())));
    }

    /**
     * The {@code k} items among {@code from .. to - 1} of {@code space} with the highest inner product with
     * {@code query}, best first (ties: lower item index first). One shard of a search split over threads; merge
     * the shards' results with {@link #searchAmong}.
     *
     * @throws IllegalArgumentException if the range is not inside the space, the query's length is not the
     *     dimension or k is not positive
     */
    public static int[] searchRange(ItemVectors space, float[] query, int from, int to, int k) {
        Objects.requireNonNull(space, "space");
        checkQuery(space, query, 0);
        checkK(k);
        if (from < 0 || to > space.size() || from > to) {
            throw new IllegalArgumentException("the range [" + from + ", " + to + ") must lie inside the "
                    + space.size() + " items of the space");
        }
        TopKHeap heap = new TopKHeap(Math.min(k, to - from));
        for (int i = from; i < to; i++) {
            heap.offer(i, space.dot(i, query, 0));
        }
        return heap.drainBestFirst();
    }

    /**
     * The {@code k} best of the given distinct candidate items (e.g. the union of shard results), best first,
     * with the same order as {@link #search(ItemVectors, float[], int)}.
     */
    public static int[] searchAmong(ItemVectors space, float[] query, int[] candidates, int k) {
        Objects.requireNonNull(space, "space");
        Objects.requireNonNull(candidates, "candidates");
        checkQuery(space, query, 0);
        checkK(k);
        for (int c : candidates) {
            Objects.checkIndex(c, space.size());
        }
        return search(item -> space.dot(item, query, 0), candidates, candidates.length, new int[0], null,
                new TopKHeap(Math.min(k, candidates.length)));
    }

    /**
     * The top {@code k} items of each of several queries, computed on {@code threads} threads.
     *
     * @param queries {@code q x D} floats, row-major
     * @return one array per query, best first
     */
    public static int[][] searchAll(ItemVectors space, float[] queries, int k, int threads) {
        Objects.requireNonNull(space, "space");
        Objects.requireNonNull(queries, "queries");
        checkK(k);
        if (threads <= 0) {
            throw new IllegalArgumentException("threads must be > 0, was " + threads);
        }
        int d = space.dimension();
        if (queries.length % d != 0) {
            throw new IllegalArgumentException("queries must hold a multiple of the dimension " + d + " values, held "
                    + queries.length);
        }
        int q = queries.length / d;
        int[][] out = new int[q][];
        int kk = Math.min(k, space.size());
        try (Parallel p = new Parallel(threads)) {
            p.forEach(q, () -> new TopKHeap(kk), (heap, i) -> out[i] = search(
                    item -> space.dot(item, queries, i * d), null, space.size(), new int[0], null, heap));
        }
        return out;
    }

    /**
     * The general search: candidates are {@code shared} (or {@code 0..n-1} when null) followed by {@code extra},
     * which must not repeat a shared item; items with {@code excluded[item]} set are skipped.
     */
    public static int[] search(ItemScorer scorer, int[] shared, int n, int[] extra, boolean[] excluded, TopKHeap heap) {
        heap.clear();
        if (shared == null) {
            for (int i = 0; i < n; i++) {
                if (excluded == null || !excluded[i]) {
                    heap.offer(i, scorer.score(i));
                }
            }
        } else {
            for (int i : shared) {
                if (excluded == null || !excluded[i]) {
                    heap.offer(i, scorer.score(i));
                }
            }
        }
        for (int i : extra) {
            if (excluded == null || !excluded[i]) {
                heap.offer(i, scorer.score(i));
            }
        }
        return heap.drainBestFirst();
    }

    private static void checkQuery(ItemVectors space, float[] query, int offset) {
        Objects.requireNonNull(query, "query");
        if (query.length - offset != space.dimension()) {
            throw new IllegalArgumentException("query must hold " + space.dimension() + " values, held "
                    + (query.length - offset));
        }
    }

    private static void checkK(int k) {
        if (k <= 0) {
            throw new IllegalArgumentException("k must be > 0, was " + k);
        }
    }
}
