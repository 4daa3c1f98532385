package org.pinnerformer.spi;

import org.pinnerformer.api.InferenceBatch;

/** Embeds users with the user tower of one checkpoint. Thread-safety is documented by each backend. */
public interface UserEncoder extends AutoCloseable {

    /** D, the size of an embedding. */
    int outputSize();

    /**
     * The L2-normalised embedding at each sequence's newest position.
     *
     * @return {@code [B, D]} row-major
     */
    float[] encode(InferenceBatch batch);

    /**
     * The L2-normalised output at every position (values at padded positions are unspecified but finite).
     *
     * @return {@code [B, T, D]} row-major
     */
    float[] encodeAllPositions(InferenceBatch batch);

    /** Releases native resources; idempotent. */
    @Override
    void close();
}
