package org.pinnerformer.api;

import java.util.Objects;

/**
 * The sequences of {@code B} users to embed, with their user ids ({@code userIds[b]} belongs to row
 * {@code b} of {@link #sequences()}).
 */
public final class InferenceBatch {
    private final SequenceBatch sequences;
    private final long[] userIds;

    /**
     * Creates a batch; copies the user ids.
     *
     * @throws IllegalArgumentException if there is not one user id per sequence
     */
    public InferenceBatch(SequenceBatch sequences, long[] userIds) {
        this.sequences = Objects.requireNonNull(sequences, "sequences");
        Checks.length("userIds", Objects.requireNonNull(userIds, "userIds").length, sequences.batchSize());
        this.userIds = userIds.clone();
    }

    /** The model inputs. */
    public SequenceBatch sequences() {
        return sequences;
    }

    /** A copy of the user ids, one per sequence. */
    public long[] userIds() {
        return userIds.clone();
    }

    /** The number of users. */
    public int size() {
        return sequences.batchSize();
    }
}
