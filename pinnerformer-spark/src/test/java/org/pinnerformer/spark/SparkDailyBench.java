package org.pinnerformer.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.pinnerformer.api.Checkpoint;
import org.pinnerformer.api.EmbeddingStore;
import org.pinnerformer.api.ModelSpec;
import org.pinnerformer.core.data.Timelines;
import org.pinnerformer.core.inference.BatchInferenceJob;
import org.pinnerformer.core.inference.BatchInferenceOptions;
import org.pinnerformer.core.inference.BatchInferenceResult;
import org.pinnerformer.core.inference.DailyInput;
import org.pinnerformer.model.ModelInitializer;
import org.pinnerformer.core.store.SnapshotEmbeddingStore;
import org.pinnerformer.core.store.StoreOptions;
import org.pinnerformer.spi.Backend;
import org.pinnerformer.testkit.SyntheticActivity;
import org.pinnerformer.testkit.SyntheticConfig;

/**
 * Benchmark (not a test): the Spark job on {@code local[2]} against the single-machine job on the same synthetic
 * data and the same reference-size model ({@link ModelSpec#smallPreset()}, ONNX Runtime): a full first run, then an
 * incremental run where {@code active} of the users acted since the first. Prints users/s of both and the ratio.
 *
 * <p>Arguments: {@code [users=100000] [active=0.1] [partitions=8] [items=5000]}. Run it with the Java 17 flags
 * (docs/spark.md gives the command).
 */
public final class SparkDailyBench {
    private SparkDailyBench() {
    }

    /** Generates one partition's users' actions with the testkit generator. */
    private static final class Generate implements MapPartitionsFunction<Long, Row> {
        private static final long serialVersionUID = 1L;
        private final int users;
        private final int items;
        private final long seed;

        Generate(int users, int items, long seed) {
            this.users = users;
            this.items = items;
            this.seed = seed;
        }

        @Override
        public Iterator<Row> call(Iterator<Long> ids) {
            SyntheticActivity activity = new SyntheticActivity(SyntheticConfig.of(users, items, seed));
            List<String> types = SyntheticActivity.ACTION_TYPES.tokens();
            List<String> surfaces = SyntheticActivity.SURFACES.tokens();
            List<Row> rows = new ArrayList<>();
            while (ids.hasNext()) {
                activity.generateUser(ids.next().intValue(), (user, item, time, type, surface, duration) ->
                        rows.add(RowFactory.create(user, activity.catalog().itemId(item), time, types.get(type),
                                surfaces.get(surface), (double) duration)));
            }
            return rows.iterator();
        }
    }

    /**
     * Runs the benchmark.
     *
     * @param args {@code [users] [active fraction] [partitions] [items]}
     */
    public static void main(String[] args) throws IOException {
        int users = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        double active = args.length > 1 ? Double.parseDouble(args[1]) : 0.1;
        int partitions = args.length > 2 ? Integer.parseInt(args[2]) : 8;
        int items = args.length > 3 ? Integer.parseInt(args[3]) : 5000;
        long seed = 7;
        Path dir = Files.createTempDirectory("pinnerformer-spark-bench");
        SyntheticActivity activity = new SyntheticActivity(SyntheticConfig.of(users, items, seed));
        Timelines timelines = activity.timelines();
        // The first run at the time by which (1 - active) of the users had their last action: exactly `active` of
        // them act between the runs. The second run at the end of the data.
        double[] last = new double[timelines.userCount()];
        double t2 = Double.NEGATIVE_INFINITY;
        for (int u = 0; u < last.length; u++) {
            last[u] = timelines.timestamp(timelines.end(u) - 1);
            t2 = Math.max(t2, last[u]);
        }
        Arrays.sort(last);
        double t1 = last[(int) Math.floor((1 - active) * (last.length - 1))];
        LocalDate day1 = LocalDate.ofInstant(java.time.Instant.ofEpochSecond((long) t1), ZoneOffset.UTC);
        LocalDate day2 = day1.plusDays(1);
        Checkpoint model = ModelInitializer.initialize(ModelSpec.smallPreset(), SyntheticActivity.ACTION_TYPES,
                SyntheticActivity.SURFACES, seed);
        System.out.printf("data: %,d users, %,d actions, %,d items; model smallPreset (M=%d, D=%d); first run at %.0f,"
                + " second at %.0f%n", timelines.userCount(), timelines.actionCount(), items,
                model.spec().maxSequenceLength(), model.spec().outputSize(), t1, t2);

        // Single machine: 2 encoder threads (the machine's cores), snapshot files on disk.
        double single1;
        double single2;
        BatchInferenceResult s1;
        BatchInferenceResult s2;
        try (Backend backend = SparkFixtures.servingBackend();
                SnapshotEmbeddingStore store = SnapshotEmbeddingStore.open(dir.resolve("single"),
                        StoreOptions.defaults())) {
            BatchInferenceJob job = new BatchInferenceJob(backend, model, new BatchInferenceOptions(256, 2));
            s1 = job.run(DailyInput.first(day1, timelines, activity.catalog(), t1), store, (l, d, t) -> { });
            EmbeddingStore.Snapshot previous = store.snapshot(day1).orElseThrow();
            s2 = job.run(DailyInput.after(day2, timelines, activity.catalog(), t2, t1, previous), store,
                    (l, d, t) -> { });
            single1 = s1.seconds();
            single2 = s2.seconds();
        }
        System.out.printf("single machine (onnx, 2 threads): full run %,d users in %.1f s; incremental %,d embedded + "
                + "%,d carried in %.1f s%n", s1.embedded(), single1, s2.embedded(), s2.carriedOver(), single2);

        SparkSession spark = SparkJavaOptions.localSession("local[2]", "pinnerformer-spark-bench", partitions);
        spark.sparkContext().setLogLevel("WARN");
        try {
            String actionsPath = dir.resolve("actions").toString();
            String itemsPath = dir.resolve("items").toString();
            List<Long> ids = new ArrayList<>(users);
            for (long u = 0; u < users; u++) {
                ids.add(u);
            }
            spark.createDataset(ids, Encoders.LONG()).repartition(partitions)
                    .mapPartitions(new Generate(users, items, seed), Encoders.row(SparkFixtures.ACTIONS))
                    .write().parquet(actionsPath);
            SparkFixtures.items(activity.catalog()).write().parquet(itemsPath);
            Dataset<Row> actions = spark.read().parquet(actionsPath);
            Dataset<Row> itemTable = spark.read().parquet(itemsPath);
            SparkDailyJob job = new SparkDailyJob(spark, model);
            SparkDailyOptions o1 = SparkDailyOptions.forDay(day1).withRunTime(t1).withPartitions(partitions);
            SparkDailyResult r1 = job.run(o1, actions, itemTable, Optional.empty(), dir.resolve("day1").toString(),
                    SaveMode.ErrorIfExists);
            SparkDailyOptions o2 = SparkDailyOptions.forDay(day2).withRunTime(t2).withPreviousRunTime(t1)
                    .withPartitions(partitions);
            SparkDailyResult r2 = job.run(o2, actions, itemTable, Optional.of(spark.read().parquet(
                    dir.resolve("day1").toString())), dir.resolve("day2").toString(), SaveMode.ErrorIfExists);
            System.out.printf("spark local[2] (%s, %d partitions): full run %,d users in %.1f s; incremental %,d "
                    + "embedded + %,d carried in %.1f s%n", r2.backend(), partitions, r1.embedded(), r1.seconds(),
                    r2.embedded(), r2.carriedOver(), r2.seconds());
            double sf = s1.embedded() / single1;
            double pf = r1.embedded() / r1.seconds();
            double si = s2.published() / single2;
            double pi = r2.published() / r2.seconds();
            System.out.printf("full run, users embedded/s:        single %,.0f  spark %,.0f  spark/single %.2f%n",
                    sf, pf, pf / sf);
            System.out.printf("incremental, users published/s:    single %,.0f  spark %,.0f  spark/single %.2f%n",
                    si, pi, pi / si);
            System.out.printf("incremental, users embedded/s:     single %,.0f  spark %,.0f  spark/single %.2f%n",
                    s2.embedded() / single2, r2.embedded() / r2.seconds(),
                    (r2.embedded() / r2.seconds()) / (s2.embedded() / single2));
        } finally {
            spark.stop();
            deleteRecursively(dir);
        }
    }

    private static void deleteRecursively(Path dir) {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
