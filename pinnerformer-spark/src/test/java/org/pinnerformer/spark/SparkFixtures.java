package org.pinnerformer.spark;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.pinnerformer.api.Backends;
import org.pinnerformer.api.Checkpoint;
import org.pinnerformer.api.ModelSpec;
import org.pinnerformer.core.data.ItemCatalog;
import org.pinnerformer.core.data.Timelines;
import org.pinnerformer.core.inference.BatchInferenceJob;
import org.pinnerformer.model.ModelInitializer;
import org.pinnerformer.spi.Backend;
import org.pinnerformer.spi.BackendOptions;
import org.pinnerformer.testkit.SyntheticActivity;
import org.pinnerformer.testkit.SyntheticConfig;

/** Synthetic tables, a small random checkpoint and a local session shared by the tests of this module. */
final class SparkFixtures {
    static final StructType ACTIONS = new StructType()
            .add(Tables.USER_ID, DataTypes.LongType)
            .add(Tables.ITEM_ID, DataTypes.LongType)
            .add(Tables.TIMESTAMP, DataTypes.DoubleType)
            .add(Tables.ACTION_TYPE, DataTypes.StringType)
            .add(Tables.SURFACE, DataTypes.StringType)
            .add(Tables.DURATION, DataTypes.DoubleType);
    static final StructType ITEMS = new StructType()
            .add(Tables.ITEM_ID, DataTypes.LongType)
            .add(Tables.VECTOR, DataTypes.createArrayType(DataTypes.FloatType));

    private static SparkSession session;

    private SparkFixtures() {
    }

    /** One local[2] session for every test class of the module (stopped when the test JVM exits). */
    static synchronized SparkSession spark() {
        if (session == null) {
            session = SparkJavaOptions.localSession("local[2]", "pinnerformer-spark-test", 4);
            session.sparkContext().setLogLevel("WARN");
        }
        return session;
    }

    /** Synthetic activity over 30 days from 2026-01-01 (UTC midnight), 8-d item vectors. */
    static SyntheticActivity activity(int users, int items, long seed) {
        return new SyntheticActivity(new SyntheticConfig(users, items, Math.min(20, items), 3, 0.85, 1.0, 4, 5, 45,
                1_767_225_600, 30, 8, seed));
    }

    /** A small model over the synthetic vocabularies: M = 8 (users have more actions), item-id buckets on. */
    static Checkpoint checkpoint(long seed) {
        ModelSpec spec = ModelSpec.builder().itemVectorSize(8).actionEmbeddingSize(3).surfaceEmbeddingSize(2)
                .hiddenSize(16).layers(2).heads(2).maxSequenceLength(8).outputSize(6).itemIdHashBuckets(16)
                .absolutePeriodsSeconds(3600, 86400).relativePeriodsSeconds(60, 3600, 86400).build();
        return ModelInitializer.initialize(spec, SyntheticActivity.ACTION_TYPES, SyntheticActivity.SURFACES, seed);
    }

    /** The end of {@code date}, UTC, epoch seconds. */
    static double end(LocalDate date) {
        return SparkDailyOptions.endOfDay(date);
    }

    /** Every action of the timelines as a row (no order), plus the given extra rows. */
    static Dataset<Row> actions(Timelines t, ItemCatalog catalog, List<Row> extra) {
        List<Row> rows = new ArrayList<>(t.actionCount() + extra.size());
        for (int u = 0; u < t.userCount(); u++) {
            for (int i = t.start(u); i < t.end(u); i++) {
                rows.add(RowFactory.create(t.userId(u), catalog.itemId(t.item(i)), t.timestamp(i),
                        t.actionTypes().tokens().get(t.actionType(i)), t.surfaces().tokens().get(t.surface(i)),
                        (double) t.duration(i)));
            }
        }
        rows.addAll(extra);
        return spark().createDataFrame(rows, ACTIONS);
    }

    /** The catalogue as an item vector table. */
    static Dataset<Row> items(ItemCatalog catalog) {
        List<Row> rows = new ArrayList<>(catalog.size());
        for (int i = 0; i < catalog.size(); i++) {
            float[] v = catalog.vector(i);
            List<Float> boxed = new ArrayList<>(v.length);
            for (float x : v) {
                boxed.add(x);
            }
            rows.add(RowFactory.create(catalog.itemId(i), boxed));
        }
        return spark().createDataFrame(rows, ITEMS);
    }

    /** {@code id -> vector} of a table with an id column and a vector column. */
    static Map<Long, float[]> vectors(Dataset<Row> table, String idColumn) {
        Map<Long, float[]> out = new HashMap<>();
        for (Row r : table.select(idColumn, Tables.VECTOR).collectAsList()) {
            List<Object> v = r.getList(1);
            float[] f = new float[v.size()];
            for (int i = 0; i < f.length; i++) {
                f[i] = (Float) v.get(i);
            }
            if (out.put(r.getLong(0), f) != null) {
                throw new AssertionError("id " + r.getLong(0) + " appears twice");
            }
        }
        return out;
    }

    /** The backend the single-machine job uses by default, with one thread. */
    static Backend servingBackend() {
        return BatchInferenceJob.openBackend(Backends.discover(), Optional.empty(),
                BackendOptions.defaults().withThreads(1));
    }
}
