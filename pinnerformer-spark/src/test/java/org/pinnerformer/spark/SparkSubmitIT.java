package org.pinnerformer.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pinnerformer.api.Checkpoint;
import org.pinnerformer.api.EmbeddingStore;
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

/**
 * Runs {@code bin/pinnerformer-spark-submit} with the assembly jar as a separate process, through Spark's own launcher,
 * on a {@code local-cluster} (a standalone master and two workers in the driver JVM, each executor a JVM of its own
 * started by its worker, as on a standalone cluster). The Spark home is {@code target/spark-home}: the jars of a Spark
 * distribution of {@code ${spark.version}} copied from Maven by the build ({@code pre-integration-test}) and
 * {@code src/test/spark-home/bin/spark-submit}, which execs the command Spark's launcher builds. Runs in
 * {@code mvn verify} after {@code package} (failsafe).
 */
class SparkSubmitIT {
    private static final LocalDate DAY1 = LocalDate.of(2026, 1, 27);
    private static final LocalDate DAY2 = LocalDate.of(2026, 1, 28);
    private static final Path MODULE = Path.of("").toAbsolutePath();
    /** The build sets it (failsafe): target/spark-home-${spark.version}. */
    private static final Path SPARK_HOME = MODULE.resolve(System.getProperty("pinnerformer.it.sparkHome",
            "target/spark-home-unset"));
    private static final Path JAR = MODULE.resolve("target/pinnerformer-spark-assembly.jar");
    /** A guard against a hung child, not a performance bound. */
    private static final long CHILD_LIMIT_MINUTES = 15;

    @TempDir
    Path dir;

    /** The Spark home: the build's jars, our spark-submit (made executable), no work folder from earlier runs. */
    private static void prepareSparkHome() throws IOException {
        Path jars = SPARK_HOME.resolve("jars");
        assertThat(jars.resolve("spark-launcher_2.13-" + SparkFixtures.spark().version() + ".jar"))
                .as("the Spark home's jars (built by `mvn verify` in pre-integration-test)").exists();
        assertThat(JAR).as("the assembly jar (built by `mvn package`)").exists();
        Path bin = Files.createDirectories(SPARK_HOME.resolve("bin"));
        Path submit = bin.resolve("spark-submit");
        Files.copy(MODULE.resolve("src/test/spark-home/bin/spark-submit"), submit,
                StandardCopyOption.REPLACE_EXISTING);
        Files.setPosixFilePermissions(submit, PosixFilePermissions.fromString("rwxr-xr-x"));
        deleteTree(SPARK_HOME.resolve("work"));
    }

    private static void deleteTree(Path p) throws IOException {
        if (Files.exists(p)) {
            try (Stream<Path> s = Files.walk(p)) {
                for (Path q : s.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(q);
                }
            }
        }
    }

    @Test
    void theSubmittedJobOnALocalClusterEqualsTheSingleMachineJobAndItsExecutorsRunWithTheJava17Flags()
            throws Exception {
        prepareSparkHome();
        SyntheticActivity activity = SparkFixtures.activity(400, 150, 21);
        ItemCatalog catalog = activity.catalog();
        Timelines timelines = activity.timelines();
        Checkpoint model = SparkFixtures.checkpoint(5);
        double t1 = SparkFixtures.end(DAY1);
        double t2 = SparkFixtures.end(DAY2);

        // The single-machine job, day 1 and day 2: the reference.
        EmbeddingStore.Snapshot single2;
        BatchInferenceResult singleResult2;
        try (Backend backend = SparkFixtures.servingBackend(); InMemoryEmbeddingStore store =
                new InMemoryEmbeddingStore(5)) {
            BatchInferenceJob job = new BatchInferenceJob(backend, model, new BatchInferenceOptions(64, 1));
            job.run(DailyInput.first(DAY1, timelines, catalog, t1), store, (l, d, t) -> { });
            EmbeddingStore.Snapshot single1 = store.snapshot(DAY1).orElseThrow();
            singleResult2 = job.run(DailyInput.after(DAY2, timelines, catalog, t2, t1, single1), store,
                    (l, d, t) -> { });
            single2 = store.snapshot(DAY2).orElseThrow();
        }

        // The inputs as files, and day 1's table from the in-process job (the previous table of the submitted run).
        SparkSession spark = SparkFixtures.spark();
        Path bundleDir = dir.resolve("bundle");
        ModelBundle bundle = ModelBundle.write(bundleDir, model, catalog, new Provenance("synthetic", "0".repeat(64),
                java.util.Map.of(), "test", java.time.Instant.EPOCH));
        String actions = dir.resolve("actions").toString();
        String items = dir.resolve("items").toString();
        String day1 = dir.resolve("users/date=" + DAY1).toString();
        String day2 = dir.resolve("users/date=" + DAY2).toString();
        String itemOut = dir.resolve("item-embeddings/date=" + DAY2).toString();
        SparkFixtures.actions(timelines, catalog, List.of()).write().parquet(actions);
        SparkFixtures.items(catalog).write().parquet(items);
        new SparkDailyJob(spark, bundle).run(SparkDailyOptions.forDay(DAY1), spark.read().parquet(actions),
                spark.read().parquet(items), Optional.empty(), day1, SaveMode.ErrorIfExists);

        List<String> command = List.of(MODULE.resolve("bin/pinnerformer-spark-submit").toString(),
                "--master", "local-cluster[2,1,1024]",
                "--conf", "spark.driver.host=127.0.0.1", "--conf", "spark.driver.bindAddress=127.0.0.1",
                "--conf", "spark.ui.enabled=false", "--conf", "spark.sql.shuffle.partitions=4",
                "--",
                "--model", bundleDir.toString(), "--actions", actions,
                "--previous", day1, "--output", day2, "--item-output", itemOut,
                "--date", DAY2.toString(), "--partitions", "4", "--batch-size", "16");
        Path log = dir.resolve("spark-submit.log");
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("SPARK_HOME", SPARK_HOME.toString());
        pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        pb.environment().put("SPARK_PRINT_LAUNCH_COMMAND", "1");
        Process p = pb.start();
        boolean done = p.waitFor(CHILD_LIMIT_MINUTES, TimeUnit.MINUTES);
        if (!done) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        Files.copy(log, MODULE.resolve("target/spark-submit-it.log"), StandardCopyOption.REPLACE_EXISTING);
        assertThat(done).as("spark-submit finished within %d minutes; output:%n%s", CHILD_LIMIT_MINUTES, output)
                .isTrue();
        assertThat(p.exitValue()).as("spark-submit's exit status; output:%n%s", output).isZero();

        // The driver: started by Spark's launcher with our flags, and it printed the run's summary.
        String driverCommand = output.lines().filter(l -> l.startsWith("Spark Command: ")).findFirst()
                .orElseThrow(() -> new AssertionError("the launcher printed no command:\n" + output));
        assertThat(driverCommand).contains("org.apache.spark.deploy.SparkSubmit", "-Dai.djl.offline=true",
                "--class org.pinnerformer.spark.SparkDailyJob", "/target/pinnerformer-spark-assembly.jar");
        assertThat(output).contains("embedded=" + singleResult2.embedded() + ", carriedOver="
                + singleResult2.carriedOver() + ", failed=0,")
                .contains("wrote " + catalog.size() + " item embeddings to " + itemOut);

        // Two executors, each its own JVM started by its worker with the module's flags, each having run tasks.
        List<Path> executorLogs = new ArrayList<>();
        try (Stream<Path> s = Files.walk(SPARK_HOME.resolve("work"))) {
            s.filter(f -> f.getFileName().toString().equals("stderr")).forEach(executorLogs::add);
        }
        assertThat(executorLogs).hasSize(2);
        for (Path e : executorLogs) {
            String text = Files.readString(e, StandardCharsets.UTF_8);
            String executorCommand = text.lines().findFirst().orElse("");
            assertThat(executorCommand).as("executor command in %s", e)
                    .startsWith("Spark Executor Command: ")
                    .contains("org.apache.spark.executor.CoarseGrainedExecutorBackend", "\"-Dai.djl.offline=true\"");
            for (String flag : SparkJavaOptions.FLAGS) {
                assertThat(executorCommand).as("executor command in %s", e).contains("\"" + flag + "\"");
            }
            assertThat(text).as("executor log %s", e).contains("Finished task");
        }

        // The written table equals the single-machine job's day 2; carried-over users are bit-equal to day 1's table.
        Map<Long, float[]> before = SparkFixtures.vectors(spark.read().parquet(day1), Tables.USER_ID);
        Dataset<Row> table = spark.read().parquet(day2);
        Map<Long, float[]> after = SparkFixtures.vectors(table, Tables.USER_ID);
        Set<Long> singleIds = new HashSet<>();
        for (int u = 0; u < timelines.userCount(); u++) {
            long id = timelines.userId(u);
            if (single2.vector(id).isPresent()) {
                singleIds.add(id);
                assertThat(after.get(id)).as("user %d", id).containsExactly(single2.vector(id).orElseThrow(),
                        within(1e-5f));
            }
        }
        assertThat(after.keySet()).isEqualTo(singleIds);
        long carried = 0;
        for (int u = 0; u < timelines.userCount(); u++) {
            long id = timelines.userId(u);
            boolean active = timelines.firstAfter(u, t2) > timelines.firstAfter(u, t1);
            if (!active && before.containsKey(id)) {
                assertThat(after.get(id)).as("carried-over user %d", id).isEqualTo(before.get(id));
                carried++;
            }
        }
        assertThat(carried).isPositive().isEqualTo(singleResult2.carriedOver());
        assertThat(table.select("model_id").distinct().collectAsList()).hasSize(1);
        assertThat(SparkFixtures.vectors(spark.read().parquet(itemOut), Tables.ITEM_ID)).hasSize(catalog.size());
    }
}
