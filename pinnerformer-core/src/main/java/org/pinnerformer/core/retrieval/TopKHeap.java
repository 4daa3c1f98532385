package org.pinnerformer.core.retrieval;

/**
 * The best {@code k} (item, score) pairs seen, in a bounded binary min-heap whose root is the worst kept pair.
 * Order: a higher score is better; on equal scores the lower item index is better, so results never depend on
 * the order items are offered in.
 */
public final class TopKHeap {
    private final int k;
    private final int[] items;
    private final float[] scores;
    private int size;

    public TopKHeap(int k) {
        this.k = k;
        this.items = new int[k];
        this.scores = new float[k];
    }

    public void clear() {
        size = 0;
    }

    /** Whether (a, as) ranks before (b, bs). */
    public static boolean better(float as, int a, float bs, int b) {
        return as > bs || (as == bs && a < b);
    }

    public void offer(int item, float score) {
        if (k == 0) {
            return;
        }
        if (size < k) {
            int i = size++;
            while (i > 0) {
                int parent = (i - 1) >>> 1;
                if (!better(scores[parent], items[parent], score, item)) {
                    break;
                }
                items[i] = items[parent];
                scores[i] = scores[parent];
                i = parent;
            }
            items[i] = item;
            scores[i] = score;
        } else if (better(score, item, scores[0], items[0])) {
            siftDownFromRoot(item, score);
        }
    }

    private void siftDownFromRoot(int item, float score) {
        int i = 0;
        while (true) {
            int child = 2 * i + 1;
            if (child >= size) {
                break;
            }
            int right = child + 1;
            if (right < size && better(scores[child], items[child], scores[right], items[right])) {
                child = right;
            }
            if (!better(score, item, scores[child], items[child])) {
                break;
            }
            items[i] = items[child];
            scores[i] = scores[child];
            i = child;
        }
        items[i] = item;
        scores[i] = score;
    }

    /** The kept items, best first; empties the heap. */
    public int[] drainBestFirst() {
        int n = size;
        int[] out = new int[n];
        for (int pos = n - 1; pos >= 0; pos--) {
            out[pos] = items[0];
            size--;
            if (size > 0) {
                siftDownFromRoot(items[size], scores[size]);
            }
        }
        return out;
    }
}
