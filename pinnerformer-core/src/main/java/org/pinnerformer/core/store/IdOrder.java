package org.pinnerformer.core.store;

/** Orders rows by user id, keeping the last row of each id (a later put replaces an earlier one). */
final class IdOrder {
    private IdOrder() {
    }

    /** The row indexes sorted by {@code keys}, stable, then reduced to the last row of each distinct key. */
    static int[] lastOfEachId(long[] keys, int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        int[] b = new int[n];
        for (int width = 1; width < n; width *= 2) {
            for (int lo = 0; lo < n; lo += 2 * width) {
                int mid = Math.min(lo + width, n);
                int hi = Math.min(lo + 2 * width, n);
                int i = lo;
                int j = mid;
                int k = lo;
                while (i < mid && j < hi) {
                    b[k++] = keys[a[j]] < keys[a[i]] ? a[j++] : a[i++];
                }
                while (i < mid) {
                    b[k++] = a[i++];
                }
                while (j < hi) {
                    b[k++] = a[j++];
                }
            }
            int[] t = a;
            a = b;
            b = t;
        }
        int m = 0;
        for (int i = 0; i < n; i++) {
            if (i + 1 < n && keys[a[i + 1]] == keys[a[i]]) {
                continue;
            }
            a[m++] = a[i];
        }
        return java.util.Arrays.copyOf(a, m);
    }
}
