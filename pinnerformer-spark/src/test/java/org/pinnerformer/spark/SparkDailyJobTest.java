package org.pinnerformer.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pinnerformer.api.Checkpoint;
import org.pinnerformer.api.CheckpointException;
import org.pinnerformer.api.EmbeddingStore;
import org.pinnerformer.api.ModelMismatchException;
import org.pinnerformer.core.bundle.ModelBundle;
import org.pinnerformer.core.bundle.Provenance;
import org.pinnerformer.core.data.ItemCatalog;
import org.pinnerformer.core.data.Timelines;
import org.pinnerformer.core.inference.BatchInferenceJob;
import org.pinnerformer.core.inference.BatchInferenceOptions;
import org.pinnerformer.core.inference.BatchInferenceResult;
import org.pinnerformer.core.inference.DailyInput;
import org.pinnerformer.core.store.InMemoryEmbeddingStore;
import org.pinnerformer.spi.Backend;
import org.pinnerformer.testkit.SyntheticActivity;

class SparkDailyJobTest {
    private static final LocalDate DAY1 = LocalDate.of(2026, 1, 27);
    private static final LocalDate DAY2 = LocalDate.of(2026, 1, 28);
    private static final double T1 = SparkFixtures.end(DAY1);
    private static final double T2 = SparkFixtures.end(DAY2);

    private static SyntheticActivity activity;
    private static ItemCatalog catalog;
    private static Timelines timelines;
    private static Checkpoint model;
    private static SparkSession spark;
    private static Dataset<Row> actions;
    private static Dataset<Row> items;
    private static EmbeddingStore.Snapshot single1;
    private static EmbeddingStore.Snapshot single2;
    private static BatchInferenceResult singleResult2;

    @TempDir
    static Path dir;

    @BeforeAll
    static void singleMachineRuns() {
        activity = SparkFixtures.activity(400, 150, 21);
        catalog = activity.catalog();
        timelines = activity.timelines();
        model = SparkFixtures.checkpoint(5);
        spark = SparkFixtures.spark();
        // Rows the single-machine builder never sees (it drops them): unknown type, unknown item, a null, an exact
        // duplicate; all after the first run, so they would make user 1 active if they were not left out.
        int u1 = 0;
        long user1 = timelines.userId(u1);
        int a = timelines.start(u1);
        List<Row> junk = List.of(
                RowFactory.create(user1, catalog.itemId(0), T1 + 100, "zap", "home", 1.0),
                RowFactory.create(user1, 999_999L, T1 + 200, "click", "home", 1.0),
                RowFactory.create(user1, catalog.itemId(0), T1 + 300, "click", null, 1.0),
                RowFactory.create(user1, catalog.itemId(timelines.item(a)), timelines.timestamp(a),
                        timelines.actionTypes().tokens().get(timelines.actionType(a)),
                        timelines.surfaces().tokens().get(timelines.surface(a)), (double) timelines.duration(a)));
        actions = SparkFixtures.actions(timelines, catalog, junk).cache();
        items = SparkFixtures.items(catalog).cache();
        try (Backend backend = SparkFixtures.servingBackend(); InMemoryEmbeddingStore store =
                new InMemoryEmbeddingStore(5)) {
            BatchInferenceJob job = new BatchInferenceJob(backend, model, new BatchInferenceOptions(64, 1));
            job.run(DailyInput.first(DAY1, timelines, catalog, T1), store, (l, d, t) -> { });
            single1 = store.snapshot(DAY1).orElseThrow();
            singleResult2 = job.run(DailyInput.after(DAY2, timelines, catalog, T2, T1, single1), store,
                    (l, d, t) -> { });
            single2 = store.snapshot(DAY2).orElseThrow();
        }
    }

    private static Set<Long> ids(EmbeddingStore.Snapshot s) {
        Set<Long> out = new HashSet<>();
        for (int u = 0; u < timelines.userCount(); u++) {
            if (s.vector(timelines.userId(u)).isPresent()) {
                out.add(timelines.userId(u));
            }
        }
        return out;
    }

    private static void assertEqualsSingleMachine(Map<Long, float[]> spark, EmbeddingStore.Snapshot single) {
        assertThat(spark.keySet()).isEqualTo(ids(single));
        assertThat((long) spark.size()).isEqualTo(single.size());
        for (Map.Entry<Long, float[]> e : spark.entrySet()) {
            assertThat(e.getValue()).as("user %d", e.getKey())
                    .containsExactly(single.vector(e.getKey()).orElseThrow(), within(1e-5f));
        }
    }

    private static SparkDailyResult day1(String out) {
        return new SparkDailyJob(spark, model).run(SparkDailyOptions.forDay(DAY1).withPartitions(3), actions, items,
                Optional.empty(), dir.resolve(out).toString(), SaveMode.ErrorIfExists);
    }

    @Test
    void theFirstRunEqualsTheSingleMachineJobForEveryUser() {
        SparkDailyResult r = day1("first");
        Dataset<Row> table = spark.read().parquet(dir.resolve("first").toString());
        assertThat(table.columns()).containsExactly("user_id", "vector", "model_id", "date");
        assertEqualsSingleMachine(SparkFixtures.vectors(table, Tables.USER_ID), single1);
        assertThat(r.fullRun()).isTrue();
        assertThat(r.embedded()).isEqualTo(single1.size());
        assertThat(r.carriedOver()).isZero();
        assertThat(r.failed()).isZero();
        assertThat(r.backend()).isEqualTo("onnx");
        assertThat(r.modelId()).isEqualTo(model.id());
        assertThat(table.select("model_id", "date").distinct().collectAsList())
                .containsExactly(RowFactory.create(model.id(), java.sql.Date.valueOf(DAY1)));
    }

    @Test
    void anIncrementalRunEmbedsActiveUsersAndCarriesTheOthersOverBitForBit() {
        day1("day1");
        Dataset<Row> previous = spark.read().parquet(dir.resolve("day1").toString());
        Map<Long, float[]> before = SparkFixtures.vectors(previous, Tables.USER_ID);
        SparkDailyResult r = new SparkDailyJob(spark, model).run(SparkDailyOptions.forDay(DAY2).withBatchSize(7),
                actions, items, Optional.of(previous), dir.resolve("day2").toString(), SaveMode.ErrorIfExists);
        Map<Long, float[]> after = SparkFixtures.vectors(spark.read().parquet(dir.resolve("day2").toString()),
                Tables.USER_ID);

        assertEqualsSingleMachine(after, single2);
        Set<Long> active = new HashSet<>();
        for (int u = 0; u < timelines.userCount(); u++) {
            if (timelines.firstAfter(u, T2) > timelines.firstAfter(u, T1)) {
                active.add(timelines.userId(u));
            }
        }
        long carried = 0;
        for (Map.Entry<Long, float[]> e : before.entrySet()) {
            if (!active.contains(e.getKey())) {
                assertThat(after.get(e.getKey())).as("carried-over user %d", e.getKey()).isEqualTo(e.getValue());
                carried++;
            }
        }
        assertThat(active).isNotEmpty().doesNotContain(timelines.userId(0));
        assertThat(carried).isPositive().isEqualTo(r.carriedOver()).isEqualTo(singleResult2.carriedOver());
        assertThat(r.embedded()).isEqualTo(singleResult2.embedded()).isEqualTo(after.size() - carried);
        assertThat(r.fullRun()).isFalse();
    }

    @Test
    void usersTheEncoderFailsOnKeepTheirPreviousVectorAndAreReported() {
        day1("day1-for-failures");
        Dataset<Row> previous = spark.read().parquet(dir.resolve("day1-for-failures").toString());
        Map<Long, float[]> before = SparkFixtures.vectors(previous, Tables.USER_ID);
        SparkDailyResult r = new SparkDailyJob(spark, model).run(
                SparkDailyOptions.forDay(DAY2).withBackend(FailingBackendProvider.NAME).withBatchSize(16), actions,
                items, Optional.of(previous), dir.resolve("failures").toString(), SaveMode.ErrorIfExists);
        Map<Long, float[]> after = SparkFixtures.vectors(spark.read().parquet(dir.resolve("failures").toString()),
                Tables.USER_ID);
        long failing = 0;
        long failingNew = 0;
        for (long id : ids(single2)) {
            boolean embedded = single1.vector(id).isEmpty() || timelinesActive(id);
            if (embedded && id % FailingBackendProvider.DIVISOR == 0) {
                failing++;
                if (before.containsKey(id)) {
                    assertThat(after.get(id)).as("failed user %d", id).isEqualTo(before.get(id));
                } else {
                    assertThat(after).doesNotContainKey(id);
                    failingNew++;
                }
            } else {
                assertThat(after.get(id)).as("user %d", id).containsExactly(single2.vector(id).orElseThrow(),
                        within(1e-5f));
            }
        }
        assertThat(failing).isPositive();
        assertThat(r.failed()).isEqualTo(failing);
        assertThat(r.published()).isEqualTo(single2.size() - failingNew);
        assertThat(r.backend()).isEqualTo(FailingBackendProvider.NAME);
        assertThat(r.failureSamples()).isNotEmpty().allMatch(m -> m.contains("IllegalStateException: test failure "
                + "for user "));
    }

    private static boolean timelinesActive(long id) {
        for (int u = 0; u < timelines.userCount(); u++) {
            if (timelines.userId(u) == id) {
                return timelines.firstAfter(u, T2) > timelines.firstAfter(u, T1);
            }
        }
        return false;
    }

    @Test
    void aPreviousTableOfAnotherModelIsRefusedUnlessEveryoneIsEmbeddedAgain() {
        Dataset<Row> foreign = spark.createDataFrame(List.of(RowFactory.create(timelines.userId(0),
                List.of(1f, 0f, 0f, 0f, 0f, 0f), "another-model", java.sql.Date.valueOf(DAY1))),
                new org.apache.spark.sql.types.StructType()
                        .add("user_id", "long").add("vector", "array<float>").add("model_id", "string")
                        .add("date", "date"));
        SparkDailyJob job = new SparkDailyJob(spark, model);
        assertThatThrownBy(() -> job.run(SparkDailyOptions.forDay(DAY1), actions, items, Optional.of(foreign),
                dir.resolve("refused").toString(), SaveMode.ErrorIfExists))
                .isInstanceOf(ModelMismatchException.class)
                .hasMessageContaining("1 rows of model another-model but this run embeds with model " + model.id());
        SparkDailyResult r = job.run(SparkDailyOptions.forDay(DAY1).withReembedAll(true), actions, items,
                Optional.of(foreign), dir.resolve("foreign").toString(), SaveMode.ErrorIfExists);
        assertThat(r.fullRun()).isTrue();
        assertEqualsSingleMachine(SparkFixtures.vectors(spark.read().parquet(dir.resolve("foreign").toString()),
                Tables.USER_ID), single1);
    }

    @Test
    void aJobReadFromABundleUsesItsItemVectorsAndRecordsItsModelId() {
        Path bundleDir = dir.resolve("bundle");
        ModelBundle bundle = ModelBundle.write(bundleDir, model, catalog, new Provenance("synthetic", "0".repeat(64),
                java.util.Map.of(), "test", java.time.Instant.EPOCH));
        SparkDailyJob job = SparkDailyJob.forBundle(spark, bundleDir.toString());
        assertThat(job.modelId()).isEqualTo(bundle.modelId());
        SparkDailyResult r = job.run(SparkDailyOptions.forDay(DAY1).withPartitions(3), actions, job.itemTable(),
                Optional.empty(), dir.resolve("from-bundle").toString(), SaveMode.ErrorIfExists);
        assertThat(r.modelId()).isEqualTo(bundle.modelId());
        Dataset<Row> table = spark.read().parquet(dir.resolve("from-bundle").toString());
        assertThat(table.select("model_id").distinct().first().getString(0)).isEqualTo(bundle.modelId());
        assertEqualsSingleMachine(SparkFixtures.vectors(table, Tables.USER_ID), single1);
    }

    @Test
    void aDamagedBundleIsRefusedNamingTheFile() throws java.io.IOException {
        Path bundleDir = dir.resolve("damaged");
        ModelBundle.write(bundleDir, model, catalog, new Provenance("synthetic", "0".repeat(64), java.util.Map.of(),
                "test", java.time.Instant.EPOCH));
        byte[] bytes = java.nio.file.Files.readAllBytes(bundleDir.resolve("items.safetensors"));
        bytes[bytes.length - 1] ^= 1;
        java.nio.file.Files.write(bundleDir.resolve("items.safetensors"), bytes);
        assertThatThrownBy(() -> SparkDailyJob.forBundle(spark, bundleDir.toString()))
                .isInstanceOf(CheckpointException.class)
                .hasMessageStartingWith("the model bundle " + bundleDir + " is damaged: items.safetensors has SHA-256");
    }

    @Test
    void theCountsStayExactWhenEveryPartitionIsComputedTwice() {
        // As after a retried task or a re-run stage: the encoder goes through each partition twice.
        SparkDailyJob.UserRun run = new SparkDailyJob(spark, model).userRun(SparkDailyOptions.forDay(DAY1)
                .withPartitions(3), actions, items, Optional.empty());
        List<Row> first = run.table().collectAsList();
        List<Row> second = run.table().collectAsList();
        JobCounters c = run.counters();
        assertThat(first).hasSize(second.size()).hasSize((int) single1.size());
        assertThat(c.reportsReceived()).isEqualTo(2 * c.byPartition().size());
        assertThat(c.embeddedCount()).isEqualTo(single1.size());
        assertThat(c.failedCount()).isZero();
        assertThat(c.backendNames()).isEqualTo("onnx");
    }

    @Test
    void oneReportPerPartitionCounts() {
        JobCounters c = new JobCounters(spark.sparkContext());
        c.report(new JobCounters.PartitionReport(0, "onnx", 5, 2, 1, List.of("user 7: x", "user 9: y")));
        c.report(new JobCounters.PartitionReport(1, "onnx", 3, 0, 0, List.of()));
        c.report(new JobCounters.PartitionReport(0, "onnx", 5, 2, 1, List.of("user 7: x", "user 9: y")));
        assertThat(c.reportsReceived()).isEqualTo(3);
        assertThat(c.embeddedCount()).isEqualTo(8);
        assertThat(c.failedCount()).isEqualTo(2);
        assertThat(c.failedKeptCount()).isEqualTo(1);
        assertThat(c.failureSamples()).containsExactly("user 7: x", "user 9: y");
    }

    @Test
    void anActionLogWithoutASurfaceColumnFailsWithASentence() {
        SparkDailyJob job = new SparkDailyJob(spark, model);
        assertThatThrownBy(() -> job.userEmbeddings(SparkDailyOptions.forDay(DAY1), actions.drop("surface"), items,
                Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the action log lacks the column(s) [surface] (it has [user_id, item_id, timestamp, "
                        + "action_type, duration]); expected [user_id, item_id, timestamp, action_type, surface, "
                        + "duration]");
    }

    @Test
    void anItemTableWithoutVectorsFailsWithASentence() {
        SparkDailyJob job = new SparkDailyJob(spark, model);
        assertThatThrownBy(() -> job.itemEmbeddings(SparkDailyOptions.forDay(DAY1), items.drop("vector")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the item vector table lacks the column(s) [vector] (it has [item_id]); expected "
                        + "[item_id, vector]");
    }

    @Test
    void itemVectorsOfTheWrongSizeFailWithASentence() {
        Dataset<Row> bad = spark.createDataFrame(List.of(RowFactory.create(7L, List.of(1f, 2f))),
                SparkFixtures.ITEMS);
        SparkDailyJob job = new SparkDailyJob(spark, model);
        assertThatThrownBy(() -> job.userEmbeddings(SparkDailyOptions.forDay(DAY1), actions, bad, Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the item vector table does not fit the checkpoint: item 7 has a vector of 2 values, "
                        + "expected 8");
    }
}
