package org.pinnerformer.core.data;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * Content vectors by external item id, as supplied by a user (read by {@link ItemVectorFiles}) or taken from a
 * catalogue: {@link #size()} items of {@link #dimension()} finite floats each, in one flat array. Immutable.
 */
public final class ItemVectors {
    private final long[] itemIds;
    private final float[] values;
    private final int dimension;
    private final Map<Long, Integer> indexById;

    private ItemVectors(long[] itemIds, float[] values, int dimension) {
        this.itemIds = itemIds;
        this.values = values;
        this.dimension = dimension;
        this.indexById = new HashMap<>(itemIds.length * 2);
        for (int i = 0; i < itemIds.length; i++) {
            Integer previous = indexById.put(itemIds[i], i);
            if (previous != null) {
                throw new IllegalArgumentException(
                        "item " + itemIds[i] + " appears twice, at positions " + previous + " and " + i);
            }
        }
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
        return new ItemVectors(itemIds.clone(), values.clone(), dimension);
    }

    /** The vectors of every item of a catalogue. */
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

    /** The number of items. */
    public int size() {
        return itemIds.length;
    }

    /** F, the size of each vector. */
    public int dimension() {
        return dimension;
    }

    /** The item id at position {@code i}. */
    public long itemId(int i) {
        return itemIds[i];
    }

    /** The position of an item, or empty. */
    public OptionalInt index(long itemId) {
        Integer i = indexById.get(itemId);
        return i == null ? OptionalInt.empty() : OptionalInt.of(i);
    }

    /** A copy of the vector at position {@code i}. */
    public float[] vector(int i) {
        Objects.checkIndex(i, itemIds.length);
        return Arrays.copyOfRange(values, i * dimension, (i + 1) * dimension);
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
            Integer j = indexById.get(catalog.itemId(i));
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
            if (!indexById.containsKey(catalog.itemId(i))) {
                missing++;
            }
        }
        return missing;
    }

    float[] values() {
        return values;
    }
}
