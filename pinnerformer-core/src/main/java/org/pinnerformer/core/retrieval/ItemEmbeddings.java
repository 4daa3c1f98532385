package org.pinnerformer.core.retrieval;

import java.util.Objects;
import org.pinnerformer.api.ItemBatch;
import org.pinnerformer.api.ModelSpec;
import org.pinnerformer.core.data.ItemCatalog;
import org.pinnerformer.core.data.ItemVectors;
import org.pinnerformer.core.features.ItemBatches;
import org.pinnerformer.core.features.ItemBuckets;
import org.pinnerformer.spi.ItemEncoder;

/** The item embeddings of a model: the item tower applied to every item of a catalogue. */
public final class ItemEmbeddings {
    private ItemEmbeddings() {
    }

    /**
     * Encodes every catalogue item with {@code encoder}, in batches of at most {@code batchSize} items; item
     * {@code i} of the space is item {@code i} of the catalogue.
     *
     * <p>An item the model knows nothing about - an all-zero content vector (for co-engagement vectors: an item
     * not seen in the training period) while the item-id embedding is off - gets the zero vector, so it scores 0
     * against every user instead of sharing one arbitrary embedding with every other such item (the evaluation
     * baselines skip such items too).
     *
     * @param spec the checkpoint's spec; its item vector size must be the catalogue's
     * @throws IllegalArgumentException if the sizes disagree or {@code batchSize} is not positive
     * @throws IllegalStateException if the encoder returns a wrong number of values or a non-unit row
     */
    public static ItemVectors encode(ItemEncoder encoder, ItemCatalog catalog, ModelSpec spec, int batchSize) {
        Objects.requireNonNull(encoder, "encoder");
        Objects.requireNonNull(catalog, "catalog");
        Objects.requireNonNull(spec, "spec");
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batchSize must be > 0, was " + batchSize);
        }
        int f = catalog.vectorSize();
        if (f != spec.itemVectorSize()) {
            throw new IllegalArgumentException("the catalogue's item vectors have " + f + " values but the model"
                    + " expects itemVectorSize " + spec.itemVectorSize());
        }
        int n = catalog.size();
        int d = encoder.outputSize();
        ItemBuckets buckets = ItemBuckets.of(catalog, spec);
        long[] ids = new long[n];
        float[] out = new float[Math.multiplyExact(n, d)];
        for (int from = 0; from < n; from += batchSize) {
            int count = Math.min(batchSize, n - from);
            ItemBatch batch = ItemBatches.range(catalog, buckets, from, count);
            java.nio.FloatBuffer vectors = batch.vectors();
            float[] e = encoder.encode(batch);
            if (e.length != count * d) {
                throw new IllegalStateException("the item encoder returned " + e.length + " values for " + count
                        + " items of dimension " + d);
            }
            for (int i = 0; i < count; i++) {
                ids[from + i] = catalog.itemId(from + i);
                if (spec.itemIdHashBuckets() > 0 || buckets.bucketOf(from + i) > 0 || !isZero(vectors, i * f, f)) {
                    System.arraycopy(e, i * d, out, (from + i) * d, d);
                }
            }
        }
        try {
            return ItemVectors.unitOrZero(ids, out, d);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("the item encoder returned an invalid embedding: " + e.getMessage(), e);
        }
    }

    private static boolean isZero(java.nio.FloatBuffer v, int offset, int length) {
        for (int i = 0; i < length; i++) {
            if (v.get(offset + i) != 0) {
                return false;
            }
        }
        return true;
    }
}
