package org.pinnerformer.spark;

import java.io.Serializable;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.pinnerformer.core.data.ItemCatalog;

/**
 * The item catalogue in the form that is broadcast to executors: ids and one flat vector array.
 *
 * @param itemIds the item ids, in catalogue order
 * @param vectors the content vectors, row-major
 * @param vectorSize F
 */
record CatalogArrays(long[] itemIds, float[] vectors, int vectorSize) implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Reads the item table on the driver into a catalogue, validating every row. */
    static ItemCatalog collect(Dataset<Row> items, int vectorSize) {
        ItemCatalog.Builder b = ItemCatalog.builder(vectorSize);
        Iterator<Row> it = items.toLocalIterator();
        while (it.hasNext()) {
            Row r = it.next();
            if (r.isNullAt(0) || r.isNullAt(1)) {
                throw new IllegalArgumentException("the item vector table has a row with a null item_id or vector: "
                        + r);
            }
            long id = r.getLong(0);
            float[] v = floats(r.getList(1), "item " + id + " of the item vector table");
            try {
                b.add(id, v, null);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("the item vector table does not fit the checkpoint: "
                        + e.getMessage(), e);
            }
        }
        return b.build();
    }

    /** The arrays of a catalogue. */
    static CatalogArrays of(ItemCatalog catalog) {
        int n = catalog.size();
        int f = catalog.vectorSize();
        long[] ids = new long[n];
        float[] v = new float[Math.multiplyExact(n, f)];
        for (int i = 0; i < n; i++) {
            ids[i] = catalog.itemId(i);
            catalog.copyVector(i, v, i * f);
        }
        return new CatalogArrays(ids, v, f);
    }

    /** The catalogue again (on an executor). */
    ItemCatalog toCatalog() {
        ItemCatalog.Builder b = ItemCatalog.builder(vectorSize);
        float[] v = new float[vectorSize];
        for (int i = 0; i < itemIds.length; i++) {
            System.arraycopy(vectors, i * vectorSize, v, 0, vectorSize);
            b.add(itemIds[i], v, null);
        }
        return b.build();
    }

    /**
     * An {@code array<float>} value as a {@code float[]}.
     *
     * @throws IllegalArgumentException naming {@code what} when an element is null
     */
    static float[] floats(List<?> values, String what) {
        Objects.requireNonNull(values, "values");
        float[] out = new float[values.size()];
        for (int i = 0; i < out.length; i++) {
            Object o = values.get(i);
            if (!(o instanceof Number num)) {
                throw new IllegalArgumentException(what + " has a null at position " + i + " of its vector");
            }
            out[i] = num.floatValue();
        }
        return out;
    }
}
