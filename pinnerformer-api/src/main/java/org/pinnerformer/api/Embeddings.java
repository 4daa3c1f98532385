package org.pinnerformer.api;

import java.util.Arrays;
import java.util.Objects;

/**
 * User embeddings computed by one model, looked up by the users' own ids. Immutable; vectors are copied on the way
 * in and out.
 */
public final class Embeddings {
    private final String modelId;
    private final long[] userIds;
    private final long[] sortedIds;
    private final int[] rowOfSorted;
    private final int dimension;
    private final float[] vectors;

    /**
     * Embeddings of {@code userIds}, row {@code i} of {@code vectors} ({@code dimension} values) being user
     * {@code userIds[i]}'s.
     *
     * @param modelId the id of the model that computed them
     * @throws IllegalArgumentException if an id repeats, the sizes disagree or a value is not finite
     */
    public Embeddings(String modelId, long[] userIds, int dimension, float[] vectors) {
        this.modelId = Objects.requireNonNull(modelId, "modelId");
        Objects.requireNonNull(userIds, "userIds");
        Objects.requireNonNull(vectors, "vectors");
        if (dimension <= 0) {
            throw new IllegalArgumentException("dimension must be > 0, was " + dimension);
        }
        if ((long) userIds.length * dimension != vectors.length) {
            throw new IllegalArgumentException(userIds.length + " users of dimension " + dimension + " need "
                    + (long) userIds.length * dimension + " values, got " + vectors.length);
        }
        for (int i = 0; i < vectors.length; i++) {
            if (!Float.isFinite(vectors[i])) {
                throw new IllegalArgumentException("the vector of user " + userIds[i / dimension]
                        + " holds a non-finite value " + vectors[i]);
            }
        }
        this.userIds = userIds.clone();
        this.dimension = dimension;
        this.vectors = vectors.clone();
        Integer[] order = new Integer[userIds.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Long.compare(userIds[a], userIds[b]));
        this.sortedIds = new long[order.length];
        this.rowOfSorted = new int[order.length];
        for (int i = 0; i < order.length; i++) {
            sortedIds[i] = userIds[order[i]];
            rowOfSorted[i] = order[i];
            if (i > 0 && sortedIds[i] == sortedIds[i - 1]) {
                throw new IllegalArgumentException("user " + sortedIds[i] + " appears twice");
            }
        }
    }

    /** The id of the model that computed these embeddings (a model bundle's model id). */
    public String modelId() {
        return modelId;
    }

    /** The users, in the order they were asked for. */
    public long[] userIds() {
        return userIds.clone();
    }

    /** The number of users. */
    public int size() {
        return userIds.length;
    }

    /** D, the size of every vector. */
    public int dimension() {
        return dimension;
    }

    /** Whether the user is among these embeddings. */
    public boolean contains(long userId) {
        return Arrays.binarySearch(sortedIds, userId) >= 0;
    }

    /**
     * The user's vector (a copy).
     *
     * @throws IllegalArgumentException if the user is not among these embeddings
     */
    public float[] vector(long userId) {
        int at = Arrays.binarySearch(sortedIds, userId);
        if (at < 0) {
            throw new IllegalArgumentException("user " + userId + " is not among these " + userIds.length
                    + " embeddings");
        }
        int row = rowOfSorted[at];
        return Arrays.copyOfRange(vectors, row * dimension, (row + 1) * dimension);
    }

    @Override
    public String toString() {
        return userIds.length + " user embeddings of dimension " + dimension + " (model " + modelId + ")";
    }
}
