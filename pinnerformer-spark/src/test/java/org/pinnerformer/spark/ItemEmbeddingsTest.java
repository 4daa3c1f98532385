package org.pinnerformer.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pinnerformer.api.Checkpoint;
import org.pinnerformer.core.data.ItemCatalog;
import org.pinnerformer.core.features.ItemBatches;
import org.pinnerformer.core.features.ItemBuckets;
import org.pinnerformer.spi.Backend;
import org.pinnerformer.spi.ItemEncoder;

class ItemEmbeddingsTest {
    private static final LocalDate DAY = LocalDate.of(2026, 2, 1);
    private static final ItemCatalog CATALOG = SparkFixtures.activity(10, 300, 4).catalog();

    @TempDir
    Path dir;

    /** The single-machine item tower over the whole catalogue, in catalogue order. */
    private static float[] single(Checkpoint model) {
        try (Backend backend = SparkFixtures.servingBackend(); ItemEncoder encoder = backend.itemEncoder(model)) {
            return encoder.encode(ItemBatches.range(CATALOG, ItemBuckets.of(CATALOG, model.spec().itemIdHashBuckets()),
                    0, CATALOG.size()));
        }
    }

    private void assertEqualsSingleMachine(Checkpoint model, Map<Long, float[]> spark) {
        float[] expected = single(model);
        int d = model.spec().outputSize();
        assertThat(spark).hasSize(CATALOG.size());
        for (int i = 0; i < CATALOG.size(); i++) {
            float[] row = new float[d];
            System.arraycopy(expected, i * d, row, 0, d);
            assertThat(spark.get(CATALOG.itemId(i))).as("item %d", CATALOG.itemId(i)).containsExactly(row,
                    within(1e-5f));
        }
    }

    @Test
    void itemEmbeddingsEqualTheSingleMachineItemEncoderAndAreWrittenWithTheirCheckpointAndDate() {
        SparkSession spark = SparkFixtures.spark();
        Checkpoint model = SparkFixtures.checkpoint(8);
        SparkDailyJob job = new SparkDailyJob(spark, model);
        String out = dir.resolve("items").toString();
        long n = job.writeItemEmbeddings(SparkDailyOptions.forDay(DAY).withPartitions(3).withBatchSize(50),
                SparkFixtures.items(CATALOG), out, SaveMode.ErrorIfExists);
        Dataset<Row> table = spark.read().parquet(out);
        assertThat(n).isEqualTo(CATALOG.size());
        assertThat(table.columns()).containsExactly("item_id", "vector", "model_id", "date");
        assertThat(table.select("model_id").distinct().first().getString(0)).isEqualTo(model.id());
        assertEqualsSingleMachine(model, SparkFixtures.vectors(table, Tables.ITEM_ID));
    }

    @Test
    void theDjlBackendChosenByNameGivesTheSameEmbeddings() {
        Checkpoint model = SparkFixtures.checkpoint(9);
        Dataset<Row> table = new SparkDailyJob(SparkFixtures.spark(), model)
                .itemEmbeddings(SparkDailyOptions.forDay(DAY).withBackend("djl").withPartitions(2),
                        SparkFixtures.items(CATALOG));
        assertEqualsSingleMachine(model, SparkFixtures.vectors(table, Tables.ITEM_ID));
    }

    @Test
    void eachExecutorJvmOpensTheModelOnceForAllItsPartitions() {
        Checkpoint model = SparkFixtures.checkpoint(10);
        SparkDailyJob job = new SparkDailyJob(SparkFixtures.spark(), model);
        int before = ExecutorModel.opened();
        // local[2]: one executor JVM (this one), six partitions, two jobs.
        for (int run = 0; run < 2; run++) {
            assertThat(job.itemEmbeddings(SparkDailyOptions.forDay(DAY).withPartitions(6),
                    SparkFixtures.items(CATALOG)).count()).isEqualTo(CATALOG.size());
        }
        assertThat(ExecutorModel.opened() - before).isEqualTo(1);
    }
}
