package org.pinnerformer.core.data;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * Item vectors by external item id: {@link #size()} items of {@link #dimension()} finite floats each, in one flat
 * row-major array. The one type for every set of item vectors: content vectors supplied by a user (read by
 * {@link ItemVectorFiles}) or taken from a catalogue, and the item embeddings a model's item tower computes, which
 * retrieval and evaluation rank (those have unit L2 norm or are all zero, see {@link #requireUnitOrZero()}; an
 * all-zero row is an item the model knows nothing about and scores 0 against every user). Immutable.
 */
public final class ItemVectors {
    /** How far from 1 a unit-norm vector's L2 norm may be. */
    public static final double NORM_TOLERANCE = 1e-3;

    private final long[] itemIds;
    private final float[] values;
    private final int dimension;
    private volatile Map<Long, Integer> indexById;

    private ItemVectors(long[] itemIds, float[] values, int dimension) {
        this.itemIds = itemIds;
        this.values = values;
        this.dimension = dimension;
    }

    /**
     * Vectors of the given items.
     *
     * @param itemIds distinct item ids
     * @param values {@code itemIds.length x dimension} finite floats, row-major
     * @throws IllegalArgumentException when the sizes disagree, an id repeats or a value is not finite
     */
    public static ItemVectors of(long[] itemIds, float[] values, int dimension) {
        Objects.requireNonNull(itemIds, "itemIds");
        Objects.requireNonNull(values, "values");
        if (dimension <= 0) {
            throw new IllegalArgumentException("dimension must be > 0, was " + dimension);
        }
        if ((long) itemIds.length * dimension != values.length) {
            throw new IllegalArgumentException("expected " + (long) itemIds.length * dimension + " values for "
                    + itemIds.length + " items of dimension " + dimension + ", got " + values.length);
        }
        for (int i = 0; i < values.length; i++) {
            if (!Float.isFinite(values[i])) {
                throw new IllegalArgumentException("item " + itemIds[i / dimension] + " has a non-finite value "
                        + values[i] + " at position " + i % dimension + " of its vector");
            }
        }
        requireDistinct(itemIds);
        return new ItemVectors(itemIds.clone(), values.clone(), dimension);
    }

    /**
     * Item embeddings: {@link #of} whose every row has unit L2 norm (within {@link #NORM_TOLERANCE}) or is all zero.
     *
     * @throws IllegalArgumentException as {@link #of}, or when a row is neither unit-norm nor zero
     */
    public static ItemVectors unitOrZero(long[] itemIds, float[] values, int dimension) {
        return of(itemIds, values, dimension).requireUnitOrZero();
    }

    /** The vectors of every item of a catalogue, in its order. */
    public static ItemVectors of(ItemCatalog catalog) {
        int n = catalog.size();
        int f = catalog.vectorSize();
        long[] ids = new long[n];
        float[] v = new float[n * f];
        for (int i = 0; i < n; i++) {
            ids[i] = catalog.itemId(i);
            catalog.copyVector(i, v, i * f);
        }
        return new ItemVectors(ids, v, f);
    }

    private static void requireDistinct(long[] itemIds) {
        long[] sorted = itemIds.clone();
        Arrays.sort(sorted);
        for (int i = 1; i < sorted.length; i++) {
            if (sorted[i] == sorted[i - 1]) {
                int first = -1;
                for (int j = 0; j < itemIds.length; j++) {
                    if (itemIds[j] == sorted[i]) {
                        if (first >= 0) {
                            throw new IllegalArgumentException("item " + sorted[i] + " appears twice, at positions "
                                    + first + " and " + j);
                        }
                        first = j;
                    }
                }
            }
        }
    }

    /**
     * This set with every non-zero row scaled to unit L2 norm (zero rows stay zero): the content vectors of a
     * catalogue as the baselines rank them.
     */
    public ItemVectors normalized() {
        float[] v = values.clone();
        for (int i = 0; i < itemIds.length; i++) {
            double norm = Math.sqrt(squaredNorm(i));
            if (norm > 0) {
                for (int c = 0; c < dimension; c++) {
                    v[i * dimension + c] = (float) (v[i * dimension + c] / norm);
                }
            }
        }
        return new ItemVectors(itemIds, v, dimension);
    }

    /**
     * Checks that every row has unit L2 norm (within {@link #NORM_TOLERANCE}) or is all zero.
     *
     * @return this
     * @throws IllegalArgumentException naming the first item whose vector is neither
     */
    public ItemVectors requireUnitOrZero() {
        for (int i = 0; i < itemIds.length; i++) {
            double norm = Math.sqrt(squaredNorm(i));
            if (norm != 0 && Math.abs(norm - 1) > NORM_TOLERANCE) {
                throw new IllegalArgumentException("the vector of item " + itemIds[i]
                        + " must have unit L2 norm or be zero, its norm was " + norm);
            }
        }
        return this;
    }

    private double squaredNorm(int i) {
        double s = 0;
        for (int c = 0; c < dimension; c++) {
            float x = values[i * dimension + c];
            s += (double) x * x;
        }
        return s;
    }

    /** The number of items. */
    public int size() {
        return itemIds.length;
    }

    /** The size of each vector (F for content vectors, D for item embeddings). */
    public int dimension() {
        return dimension;
    }

    /** The item id at position {@code i}. */
    public long itemId(int i) {
        return itemIds[i];
    }

    /** A copy of every item id, in order. */
    public long[] itemIds() {
        return itemIds.clone();
    }

    /** The position of an item, or empty. */
    public OptionalInt index(long itemId) {
        Integer i = indexById().get(itemId);
        return i == null ? OptionalInt.empty() : OptionalInt.of(i);
    }

    private Map<Long, Integer> indexById() {
        Map<Long, Integer> m = indexById;
        if (m == null) {
            m = new HashMap<>(itemIds.length * 2);
            for (int i = 0; i < itemIds.length; i++) {
                m.put(itemIds[i], i);
            }
            indexById = m;
        }
        return m;
    }

    /** A copy of the vector at position {@code i}. */
    public float[] vector(int i) {
        Objects.checkIndex(i, itemIds.length);
        return Arrays.copyOfRange(values, i * dimension, (i + 1) * dimension);
    }

    /** Copies the vector at position {@code i} into {@code out[offset .. offset + dimension - 1]}. */
    public void copyVector(int i, float[] out, int offset) {
        Objects.checkIndex(i, itemIds.length);
        System.arraycopy(values, i * dimension, out, offset, dimension);
    }

    /** A copy of every value, row-major. */
    public float[] values() {
        return values.clone();
    }

    /** Whether the vector at position {@code i} is all zero. */
    public boolean isZero(int i) {
        int o = i * dimension;
        for (int c = 0; c < dimension; c++) {
            if (values[o + c] != 0) {
                return false;
            }
        }
        return true;
    }

    /** The inner product of the vector at position {@code i} with {@code query[offset .. offset + D - 1]}. */
    public float dot(int i, float[] query, int offset) {
        int o = i * dimension;
        float s = 0;
        for (int c = 0; c < dimension; c++) {
            s += values[o + c] * query[offset + c];
        }
        return s;
    }

    /** Adds the vector at position {@code i} to {@code sum} (of length D). */
    public void addTo(int i, double[] sum) {
        int o = i * dimension;
        for (int c = 0; c < dimension; c++) {
            sum[c] += values[o + c];
        }
    }

    /**
     * Checks that these vectors describe the items of {@code catalog}, in its order.
     *
     * @throws IllegalArgumentException naming the first disagreement
     */
    public void requireAlignedWith(ItemCatalog catalog) {
        if (catalog.size() != itemIds.length) {
            throw new IllegalArgumentException("the item vectors hold " + itemIds.length
                    + " items but the catalogue holds " + catalog.size() + "; build them from the same catalogue");
        }
        for (int i = 0; i < itemIds.length; i++) {
            if (catalog.itemId(i) != itemIds[i]) {
                throw new IllegalArgumentException("item " + i + " of the item vectors is " + itemIds[i]
                        + " but item " + i + " of the catalogue is " + catalog.itemId(i)
                        + "; build them from the same catalogue");
            }
        }
    }

    /** A catalogue of these items (no titles or categories), in this order. */
    public ItemCatalog toCatalog() {
        ItemCatalog.Builder b = ItemCatalog.builder(dimension);
        for (int i = 0; i < itemIds.length; i++) {
            b.add(itemIds[i], vector(i), null);
        }
        return b.build();
    }

    /**
     * A copy of {@code catalog} (same items, order, titles and categories) with these vectors; an item of the
     * catalogue without a vector here gets the zero vector (see {@link #missingFrom(ItemCatalog)}).
     */
    public ItemCatalog applyTo(ItemCatalog catalog) {
        float[] v = new float[catalog.size() * dimension];
        for (int i = 0; i < catalog.size(); i++) {
            Integer j = indexById().get(catalog.itemId(i));
            if (j != null) {
                System.arraycopy(values, j * dimension, v, i * dimension, dimension);
            }
        }
        return catalog.withVectors(dimension, v);
    }

    /** How many items of {@code catalog} have no vector here. */
    public int missingFrom(ItemCatalog catalog) {
        int missing = 0;
        for (int i = 0; i < catalog.size(); i++) {
            if (!indexById().containsKey(catalog.itemId(i))) {
                missing++;
            }
        }
        return missing;
    }
}
