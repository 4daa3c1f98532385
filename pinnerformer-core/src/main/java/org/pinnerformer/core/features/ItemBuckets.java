package org.pinnerformer.core.features;

import java.util.Objects;
import org.pinnerformer.api.ModelSpec;
import org.pinnerformer.core.data.ItemCatalog;

/**
 * The item-id hash bucket of every catalogue item, for the optional learned item-id embedding: bucket
 * {@code splitmix64(itemId) mod buckets} (a floor modulus, in {@code [0, buckets)}), or 0 for every item when
 * the embedding is off ({@code buckets == 0}). The hash depends only on the external item id, so an item keeps
 * its bucket across catalogues, runs and machines.
 */
public final class ItemBuckets {
    private final int[] buckets;
    private final int bucketCount;

    private ItemBuckets(int[] buckets, int bucketCount) {
        this.buckets = buckets;
        this.bucketCount = bucketCount;
    }

    /**
     * The buckets of every item of {@code catalog}.
     *
     * @throws IllegalArgumentException if {@code buckets} is negative
     */
    public static ItemBuckets of(ItemCatalog catalog, int buckets) {
        Objects.requireNonNull(catalog, "catalog");
        checkBuckets(buckets);
        int[] out = new int[catalog.size()];
        if (buckets > 0) {
            for (int i = 0; i < out.length; i++) {
                out[i] = bucket(catalog.itemId(i), buckets);
            }
        }
        return new ItemBuckets(out, buckets);
    }

    /**
     * The item-id table rows of every item of {@code catalog} for {@code spec}: with exact item ids
     * ({@link ModelSpec#exactItemIds()}) the item's vocabulary row, 0 for an item outside the vocabulary (an item
     * unseen in training, represented by its content vector alone); otherwise the hash buckets of
     * {@link #of(ItemCatalog, int)} with {@link ModelSpec#itemIdHashBuckets()}.
     */
    public static ItemBuckets of(ItemCatalog catalog, ModelSpec spec) {
        Objects.requireNonNull(catalog, "catalog");
        if (!spec.exactItemIds()) {
            return of(catalog, spec.itemIdHashBuckets());
        }
        int[] out = new int[catalog.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = spec.exactItemIdRow(catalog.itemId(i));
        }
        return new ItemBuckets(out, spec.itemIdRows());
    }

    /**
     * The bucket of one external item id: {@code floorMod(splitmix64(itemId), buckets)}, 0 when {@code buckets}
     * is 0.
     *
     * @throws IllegalArgumentException if {@code buckets} is negative
     */
    public static int bucket(long itemId, int buckets) {
        checkBuckets(buckets);
        return buckets == 0 ? 0 : (int) Math.floorMod(splitmix64(itemId), (long) buckets);
    }

    /** The bucket of catalogue item {@code itemIndex}. */
    public int bucketOf(int itemIndex) {
        return buckets[itemIndex];
    }

    /** The number of buckets, or of exact item-id rows (0 = the item-id embedding is off). */
    public int bucketCount() {
        return bucketCount;
    }

    /** The finaliser of SplitMix64 (Steele, Lea and Flood 2014): a fast, well-mixing bijection of longs. */
    public static long splitmix64(long x) {
        long z = x + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static void checkBuckets(int buckets) {
        if (buckets < 0) {
            throw new IllegalArgumentException("buckets must be >= 0, was " + buckets);
        }
    }
}
