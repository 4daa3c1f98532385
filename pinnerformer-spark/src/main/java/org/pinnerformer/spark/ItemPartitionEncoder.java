package org.pinnerformer.spark;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.pinnerformer.api.ModelSpec;
import org.pinnerformer.core.data.ItemCatalog;
import org.pinnerformer.core.features.ItemBatches;
import org.pinnerformer.core.features.ItemBuckets;
import org.pinnerformer.spi.ItemEncoder;

/**
 * Embeds the items of one partition with the item tower. Input rows: {@code (item_id, vector)}; output rows:
 * {@code (item_id, vector)}. Each chunk of {@code batchSize} items becomes a small catalogue and goes through
 * {@link ItemBatches#of}, as on one machine (an item's id-hash bucket depends only on its id, so it is the same in any
 * catalogue).
 */
final class ItemPartitionEncoder implements MapPartitionsFunction<Row, Row> {
    private static final long serialVersionUID = 1L;

    private final ModelShipment model;
    private final int batchSize;

    ItemPartitionEncoder(ModelShipment model, int batchSize) {
        this.model = Objects.requireNonNull(model, "model");
        this.batchSize = batchSize;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> input) {
        ExecutorModel m = ExecutorModel.of(model);
        ItemEncoder encoder = m.itemEncoder();
        ModelSpec spec = m.checkpoint().spec();
        return new Iterator<>() {
            private final ArrayList<Row> out = new ArrayList<>();
            private int next;

            @Override
            public boolean hasNext() {
                while (next == out.size() && input.hasNext()) {
                    out.clear();
                    next = 0;
                    List<Row> chunk = new ArrayList<>(batchSize);
                    while (chunk.size() < batchSize && input.hasNext()) {
                        chunk.add(input.next());
                    }
                    encode(spec, encoder, chunk, out);
                }
                return next < out.size();
            }

            @Override
            public Row next() {
                if (!hasNext()) {
                    throw new NoSuchElementException("no more items in this partition");
                }
                return out.get(next++);
            }
        };
    }

    private static void encode(ModelSpec spec, ItemEncoder encoder, List<Row> chunk, List<Row> out) {
        ItemCatalog.Builder b = ItemCatalog.builder(spec.itemVectorSize());
        for (Row r : chunk) {
            if (r.isNullAt(0) || r.isNullAt(1)) {
                throw new IllegalArgumentException("the item vector table has a row with a null item_id or vector: "
                        + r);
            }
            long id = r.getLong(0);
            try {
                b.add(id, CatalogArrays.floats(r.getList(1), "item " + id + " of the item vector table"), null);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("the item vector table does not fit the checkpoint: "
                        + e.getMessage(), e);
            }
        }
        ItemCatalog catalog = b.build();
        int[] indexes = new int[catalog.size()];
        Arrays.setAll(indexes, i -> i);
        float[] v = encoder.encode(ItemBatches.of(catalog, ItemBuckets.of(catalog, spec),
                indexes));
        int d = encoder.outputSize();
        for (int i = 0; i < indexes.length; i++) {
            for (int c = 0; c < d; c++) {
                if (!Float.isFinite(v[i * d + c])) {
                    throw new IllegalStateException("the item encoder returned the non-finite value " + v[i * d + c]
                            + " for item " + catalog.itemId(i) + " at component " + c);
                }
            }
            out.add(RowFactory.create(catalog.itemId(i), Arrays.copyOfRange(v, i * d, (i + 1) * d)));
        }
    }
}
