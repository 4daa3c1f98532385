package org.pinnerformer.spi;

import org.pinnerformer.api.ItemBatch;

/** Embeds items with the item tower of one checkpoint. */
public interface ItemEncoder extends AutoCloseable {

    /** D, the size of an embedding. */
    int outputSize();

    /**
     * The L2-normalised item embeddings.
     *
     * @return {@code [N, D]} row-major
     */
    float[] encode(ItemBatch batch);

    /** Releases native resources; idempotent. */
    @Override
    void close();
}
