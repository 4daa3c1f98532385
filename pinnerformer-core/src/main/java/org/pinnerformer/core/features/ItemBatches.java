package org.pinnerformer.core.features;

import java.util.Objects;
import org.pinnerformer.api.ItemBatch;
import org.pinnerformer.core.data.ItemCatalog;

/** {@link ItemBatch}es of catalogue items: their content vectors and item-id buckets, in the order asked for. */
public final class ItemBatches {
    private ItemBatches() {
    }

    /**
     * The batch of the catalogue items at {@code indexes}.
     *
     * @throws IndexOutOfBoundsException if an index is not a catalogue index
     */
    public static ItemBatch of(ItemCatalog catalog, ItemBuckets buckets, int[] indexes) {
        Objects.requireNonNull(catalog, "catalog");
        Objects.requireNonNull(buckets, "buckets");
        int f = catalog.vectorSize();
        float[] vectors = new float[Math.multiplyExact(indexes.length, f)];
        int[] itemBuckets = new int[indexes.length];
        for (int i = 0; i < indexes.length; i++) {
            catalog.copyVector(indexes[i], vectors, i * f);
            itemBuckets[i] = buckets.bucketOf(indexes[i]);
        }
        return new ItemBatch(indexes.length, f, vectors, itemBuckets);
    }

    /** The batch of the {@code count} catalogue items from index {@code from}. */
    public static ItemBatch range(ItemCatalog catalog, ItemBuckets buckets, int from, int count) {
        int[] indexes = new int[count];
        for (int i = 0; i < count; i++) {
            indexes[i] = from + i;
        }
        return of(catalog, buckets, indexes);
    }
}
