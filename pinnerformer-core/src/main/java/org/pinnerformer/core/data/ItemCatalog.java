package org.pinnerformer.core.data;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The items a model knows: each item has a dense index {@code 0..size()-1}, its external id, a frozen
 * content vector of {@link #vectorSize()} floats (PinSage in the paper; learned from co-engagement or
 * supplied by the user for public data), and optionally a title and category ids (for interest entropy).
 *
 * <p>Vectors are stored in one flat array, so a catalogue of a million 64-d items is one 256 MB array
 * and no per-item objects. Instances are immutable; build them with {@link #builder(int)}.
 */
public final class ItemCatalog {
    private final long[] itemIds;
    private final float[] vectors;
    private final int vectorSize;
    private final String[] titles;
    private final int[][] categories;
    private final List<String> categoryNames;
    private final Map<Long, Integer> indexById;

    private ItemCatalog(Builder b) {
        int n = b.size;
        this.vectorSize = b.vectorSize;
        this.itemIds = Arrays.copyOf(b.itemIds, n);
        this.vectors = Arrays.copyOf(b.vectors, n * vectorSize);
        this.titles = Arrays.copyOf(b.titles, n);
        this.categories = Arrays.copyOf(b.categories, n);
        this.categoryNames = List.copyOf(b.categoryNames);
        this.indexById = new HashMap<>(b.indexById);
    }

    /** A builder for vectors of {@code vectorSize} floats. */
    public static Builder builder(int vectorSize) {
        return new Builder(vectorSize);
    }

    /** N, the number of items. */
    public int size() {
        return itemIds.length;
    }

    /** F, the size of every content vector. */
    public int vectorSize() {
        return vectorSize;
    }

    /** The external id of the item at {@code index}. */
    public long itemId(int index) {
        return itemIds[index];
    }

    /** The dense index of an external item id, or empty when the item is not in the catalogue. */
    public OptionalInt index(long itemId) {
        Integer i = indexById.get(itemId);
        return i == null ? OptionalInt.empty() : OptionalInt.of(i);
    }

    /** Copies the content vector of item {@code index} into {@code dst} at {@code offset}. */
    public void copyVector(int index, float[] dst, int offset) {
        System.arraycopy(vectors, Objects.checkIndex(index, itemIds.length) * vectorSize, dst, offset, vectorSize);
    }

    /** A copy of the content vector of item {@code index}. */
    public float[] vector(int index) {
        float[] v = new float[vectorSize];
        copyVector(index, v, 0);
        return v;
    }

    /** The title of an item, when the data has one. */
    public Optional<String> title(int index) {
        return Optional.ofNullable(titles[index]);
    }

    /** The category ids of an item (indexes into {@link #categoryNames()}); empty when unknown. */
    public int[] categories(int index) {
        int[] c = categories[index];
        return c == null ? new int[0] : c.clone();
    }

    /** Category names by category id. */
    public List<String> categoryNames() {
        return categoryNames;
    }

    /** A copy of this catalogue whose vectors are replaced by {@code newVectors} ({@code [N, newVectorSize]}). */
    public ItemCatalog withVectors(int newVectorSize, float[] newVectors) {
        if (newVectors.length != itemIds.length * newVectorSize) {
            throw new IllegalArgumentException("expected " + itemIds.length * newVectorSize + " values for "
                    + itemIds.length + " items of size " + newVectorSize + ", got " + newVectors.length);
        }
        Builder b = new Builder(newVectorSize);
        b.categoryNames.addAll(categoryNames);
        for (int i = 0; i < itemIds.length; i++) {
            b.add(itemIds[i], Arrays.copyOfRange(newVectors, i * newVectorSize, (i + 1) * newVectorSize),
                    titles[i], categories[i] == null ? new int[0] : categories[i]);
        }
        return b.build();
    }

    /** Builds an {@link ItemCatalog}; items get indexes in the order they are added. */
    public static final class Builder {
        private final int vectorSize;
        private long[] itemIds = new long[16];
        private float[] vectors;
        private String[] titles = new String[16];
        private int[][] categories = new int[16][];
        private final java.util.ArrayList<String> categoryNames = new java.util.ArrayList<>();
        private final Map<String, Integer> categoryIds = new HashMap<>();
        private final Map<Long, Integer> indexById = new HashMap<>();
        private int size;

        private Builder(int vectorSize) {
            if (vectorSize <= 0) {
                throw new IllegalArgumentException("vectorSize must be > 0, was " + vectorSize);
            }
            this.vectorSize = vectorSize;
            this.vectors = new float[16 * vectorSize];
        }

        /** The id of a category name, adding it when new. */
        public int category(String name) {
            Objects.requireNonNull(name, "name");
            return categoryIds.computeIfAbsent(name, k -> {
                categoryNames.add(k);
                return categoryNames.size() - 1;
            });
        }

        /**
         * Adds an item.
         *
         * @param title the title, or {@code null} when unknown
         * @throws IllegalArgumentException if the id is already present, the vector has the wrong size or a
         *     value is not finite, or a category id is unknown
         */
        public Builder add(long itemId, float[] vector, String title, int... categoryIdsOfItem) {
            if (indexById.containsKey(itemId)) {
                throw new IllegalArgumentException("item " + itemId + " is already in the catalogue");
            }
            if (vector.length != vectorSize) {
                throw new IllegalArgumentException("item " + itemId + " has a vector of " + vector.length
                        + " values, expected " + vectorSize);
            }
            for (int i = 0; i < vector.length; i++) {
                if (!Float.isFinite(vector[i])) {
                    throw new IllegalArgumentException("item " + itemId + " has a non-finite value " + vector[i]
                            + " at position " + i + " of its vector");
                }
            }
            for (int c : categoryIdsOfItem) {
                if (c < 0 || c >= categoryNames.size()) {
                    throw new IllegalArgumentException("item " + itemId + " names unknown category id " + c);
                }
            }
            if (size == itemIds.length) {
                int cap = size * 2;
                itemIds = Arrays.copyOf(itemIds, cap);
                vectors = Arrays.copyOf(vectors, cap * vectorSize);
                titles = Arrays.copyOf(titles, cap);
                categories = Arrays.copyOf(categories, cap);
            }
            itemIds[size] = itemId;
            System.arraycopy(vector, 0, vectors, size * vectorSize, vectorSize);
            titles[size] = title;
            categories[size] = categoryIdsOfItem.length == 0 ? null : categoryIdsOfItem.clone();
            indexById.put(itemId, size);
            size++;
            return this;
        }

        /** Whether an item id was added. */
        public boolean contains(long itemId) {
            return indexById.containsKey(itemId);
        }

        /** Builds the catalogue. */
        public ItemCatalog build() {
            return new ItemCatalog(this);
        }
    }
}
