package org.pinnerformer.core.eval;

import java.util.Arrays;
import java.util.Objects;
import org.pinnerformer.core.data.ItemCatalog;

/**
 * The items retrieval ranks: N item ids and their vectors, {@code [N, D]} row-major, each of unit L2 norm or
 * all zero (an item the model knows nothing about; it scores 0 against every user). Item {@code i} of a space
 * used for evaluation is item {@code i} of the data set's {@link ItemCatalog}. Immutable.
 */
public final class ItemSpace {
    /** How far from 1 a unit-norm vector's L2 norm may be. */
    public static final double NORM_TOLERANCE = 1e-3;

    private final long[] itemIds;
    private final float[] vectors;
    private final int dimension;

    private ItemSpace(long[] itemIds, float[] vectors, int dimension) {
        this.itemIds = itemIds;
        this.vectors = vectors;
        this.dimension = dimension;
    }

    /**
     * A space of the given vectors.
     *
     * @param itemIds N item ids
     * @param vectors {@code N x dimension} finite floats, each row of unit norm (within {@link #NORM_TOLERANCE})
     *     or all zero
     * @throws IllegalArgumentException when sizes disagree, a value is not finite or a row is not unit-norm
     */
    public static ItemSpace of(long[] itemIds, float[] vectors, int dimension) {
        Objects.requireNonNull(itemIds, "itemIds");
        Objects.requireNonNull(vectors, "vectors");
        if (dimension <= 0) {
            throw new IllegalArgumentException("dimension must be > 0, was " + dimension);
        }
        if ((long) itemIds.length * dimension != vectors.length) {
            throw new IllegalArgumentException("vectors must hold " + (long) itemIds.length * dimension
                    + " values for " + itemIds.length + " items of dimension " + dimension + ", held "
                    + vectors.length);
        }
        for (int i = 0; i < itemIds.length; i++) {
            double norm = Math.sqrt(squaredNorm(vectors, i * dimension, dimension, itemIds[i]));
            if (norm != 0 && Math.abs(norm - 1) > NORM_TOLERANCE) {
                throw new IllegalArgumentException("the vector of item " + itemIds[i]
                        + " must have unit L2 norm or be zero, its norm was " + norm);
            }
        }
        return new ItemSpace(itemIds.clone(), vectors.clone(), dimension);
    }

    /**
     * The content vectors of a catalogue, each non-zero row scaled to unit norm (zero rows stay zero); item
     * {@code i} of the space is item {@code i} of the catalogue.
     */
    public static ItemSpace fromCatalog(ItemCatalog catalog) {
        Objects.requireNonNull(catalog, "catalog");
        int n = catalog.size();
        int d = catalog.vectorSize();
        long[] ids = new long[n];
        float[] v = new float[n * d];
        for (int i = 0; i < n; i++) {
            ids[i] = catalog.itemId(i);
            catalog.copyVector(i, v, i * d);
            double norm = Math.sqrt(squaredNorm(v, i * d, d, ids[i]));
            if (norm > 0) {
                for (int c = 0; c < d; c++) {
                    v[i * d + c] = (float) (v[i * d + c] / norm);
                }
            }
        }
        return new ItemSpace(ids, v, d);
    }

    private static double squaredNorm(float[] v, int offset, int d, long itemId) {
        double s = 0;
        for (int c = 0; c < d; c++) {
            float x = v[offset + c];
            if (!Float.isFinite(x)) {
                throw new IllegalArgumentException("the vector of item " + itemId + " has a non-finite value " + x
                        + " at position " + c);
            }
            s += (double) x * x;
        }
        return s;
    }

    /** N, the number of items. */
    public int size() {
        return itemIds.length;
    }

    /** D, the size of every vector. */
    public int dimension() {
        return dimension;
    }

    /** The external id of item {@code i}. */
    public long itemId(int i) {
        return itemIds[i];
    }

    /** A copy of the vector of item {@code i}. */
    public float[] vector(int i) {
        Objects.checkIndex(i, itemIds.length);
        return Arrays.copyOfRange(vectors, i * dimension, (i + 1) * dimension);
    }

    /** Whether item {@code i}'s vector is all zero. */
    public boolean isZero(int i) {
        int o = i * dimension;
        for (int c = 0; c < dimension; c++) {
            if (vectors[o + c] != 0) {
                return false;
            }
        }
        return true;
    }

    /** The inner product of item {@code i}'s vector with {@code query[offset .. offset + D - 1]}. */
    public float dot(int i, float[] query, int offset) {
        int o = i * dimension;
        float s = 0;
        for (int c = 0; c < dimension; c++) {
            s += vectors[o + c] * query[offset + c];
        }
        return s;
    }

    /** Adds item {@code i}'s vector to {@code sum} (of length D). */
    void addTo(int i, double[] sum) {
        int o = i * dimension;
        for (int c = 0; c < dimension; c++) {
            sum[c] += vectors[o + c];
        }
    }

    /**
     * Checks that this space describes the items of {@code catalog}, in its order.
     *
     * @throws IllegalArgumentException naming the first disagreement
     */
    public void requireAlignedWith(ItemCatalog catalog) {
        if (catalog.size() != itemIds.length) {
            throw new IllegalArgumentException("the item space holds " + itemIds.length
                    + " items but the catalogue holds " + catalog.size() + "; build it from the same catalogue");
        }
        for (int i = 0; i < itemIds.length; i++) {
            if (catalog.itemId(i) != itemIds[i]) {
                throw new IllegalArgumentException("item " + i + " of the item space is " + itemIds[i]
                        + " but item " + i + " of the catalogue is " + catalog.itemId(i)
                        + "; build the space from the same catalogue");
            }
        }
    }
}
