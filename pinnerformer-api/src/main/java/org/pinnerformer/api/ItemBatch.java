package org.pinnerformer.api;

import java.nio.FloatBuffer;
import java.nio.IntBuffer;

/**
 * Inputs of the item tower for {@code N} items: content vectors {@code [N, F]} and item-id hash buckets
 * {@code [N]} (all 0 when the item-id embedding is off). Owns its arrays; hands out read-only views.
 */
public final class ItemBatch {
    private final int count;
    private final int itemVectorSize;
    private final float[] vectors;
    private final int[] buckets;

    /**
     * Creates a batch that owns the given arrays.
     *
     * @throws IllegalArgumentException if a length does not match, a float is not finite or a bucket is
     *     negative
     */
    public ItemBatch(int count, int itemVectorSize, float[] vectors, int[] buckets) {
        Checks.nonNegative("count", count);
        Checks.positive("itemVectorSize", itemVectorSize);
        this.count = count;
        this.itemVectorSize = itemVectorSize;
        this.vectors = Checks.finite("vectors", vectors, Math.multiplyExact(count, itemVectorSize));
        this.buckets = Checks.indices("buckets", buckets, count);
    }

    /** N, the number of items. */
    public int count() {
        return count;
    }

    /** F, the item vector size. */
    public int itemVectorSize() {
        return itemVectorSize;
    }

    /** Content vectors, [N, F]. */
    public FloatBuffer vectors() {
        return SequenceBatch.ro(vectors);
    }

    /** Item-id hash buckets, [N]. */
    public IntBuffer buckets() {
        return SequenceBatch.ro(buckets);
    }
}
