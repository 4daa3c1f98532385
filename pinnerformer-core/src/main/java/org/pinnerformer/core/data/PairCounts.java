package org.pinnerformer.core.data;

import java.util.Arrays;

/**
 * Counts of unordered item pairs {@code (a, b)}, {@code a < b}, in an open-addressing hash table of primitive
 * longs and doubles (no boxing), iterated in a fixed order so that everything built from it is deterministic.
 */
final class PairCounts {
    private static final long EMPTY = -1L;

    private long[] keys = new long[1 << 12];
    private double[] values = new double[1 << 12];
    private int size;

    PairCounts() {
        Arrays.fill(keys, EMPTY);
    }

    int size() {
        return size;
    }

    /** Adds {@code w} to the pair of items {@code a} and {@code b} (in either order; {@code a != b}). */
    void add(int a, int b, double w) {
        long key = a < b ? ((long) a << 32) | b : ((long) b << 32) | a;
        int mask = keys.length - 1;
        int slot = mix(key) & mask;
        while (true) {
            long k = keys[slot];
            if (k == key) {
                values[slot] += w;
                return;
            }
            if (k == EMPTY) {
                keys[slot] = key;
                values[slot] = w;
                if (++size * 2 > keys.length) {
                    grow();
                }
                return;
            }
            slot = (slot + 1) & mask;
        }
    }

    private void grow() {
        long[] oldKeys = keys;
        double[] oldValues = values;
        keys = new long[oldKeys.length * 2];
        values = new double[oldKeys.length * 2];
        Arrays.fill(keys, EMPTY);
        int mask = keys.length - 1;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != EMPTY) {
                int slot = mix(oldKeys[i]) & mask;
                while (keys[slot] != EMPTY) {
                    slot = (slot + 1) & mask;
                }
                keys[slot] = oldKeys[i];
                values[slot] = oldValues[i];
            }
        }
    }

    private static int mix(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }

    /** Receives each pair once. */
    interface PairConsumer {
        void accept(int a, int b, double count);
    }

    /** Calls {@code c} for every pair, in table order (the same for the same sequence of additions). */
    void forEach(PairConsumer c) {
        for (int i = 0; i < keys.length; i++) {
            long k = keys[i];
            if (k != EMPTY) {
                c.accept((int) (k >>> 32), (int) k, values[i]);
            }
        }
    }
}
