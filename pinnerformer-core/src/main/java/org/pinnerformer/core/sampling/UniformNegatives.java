package org.pinnerformer.core.sampling;

import java.util.Objects;
import java.util.random.RandomGenerator;
import org.pinnerformer.api.ItemBatch;
import org.pinnerformer.core.data.ItemCatalog;
import org.pinnerformer.core.features.ItemBatches;
import org.pinnerformer.core.features.ItemBuckets;

/**
 * {@code R} items drawn uniformly, with replacement, from a catalogue of {@code N} items; each draw's
 * {@code log Q} is {@code log(R / N)}, the expected number of times an item appears among the draws.
 */
public final class UniformNegatives {
    private final ItemCatalog catalog;
    private final ItemBuckets buckets;
    private final int count;

    /**
     * Negatives from {@code catalog}.
     *
     * @param count R, the number of draws per batch ({@code >= 0})
     * @throws IllegalArgumentException if {@code count} is negative or the catalogue is empty
     */
    public UniformNegatives(ItemCatalog catalog, ItemBuckets buckets, int count) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.buckets = Objects.requireNonNull(buckets, "buckets");
        if (count < 0) {
            throw new IllegalArgumentException("count must be >= 0, was " + count);
        }
        if (catalog.size() == 0) {
            throw new IllegalArgumentException("catalog must hold at least one item");
        }
        this.count = count;
    }

    /** R, the number of draws per batch. */
    public int count() {
        return count;
    }

    /** {@code log(R / N)}, the logQ of every uniform negative. */
    public double logQ() {
        return Math.log((double) count / catalog.size());
    }

    /** Draws R catalogue indexes. */
    public int[] draw(RandomGenerator random) {
        int[] out = new int[count];
        for (int i = 0; i < count; i++) {
            out[i] = random.nextInt(catalog.size());
        }
        return out;
    }

    /** The item batch (vectors and buckets) of the given catalogue indexes. */
    public ItemBatch items(int[] indexes) {
        return ItemBatches.of(catalog, buckets, indexes);
    }
}
