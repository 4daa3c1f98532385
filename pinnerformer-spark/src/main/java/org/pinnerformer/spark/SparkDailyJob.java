package org.pinnerformer.spark;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.isnan;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.struct;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.pinnerformer.api.Checkpoint;
import org.pinnerformer.api.ModelMismatchException;
import org.pinnerformer.core.bundle.ModelBundle;
import org.pinnerformer.core.data.ItemCatalog;

/**
 * The daily job on Spark: the distributed form of the single-machine
 * {@link org.pinnerformer.core.inference.BatchInferenceJob}, with the same selection, the same model inputs and the
 * same carry-over.
 *
 * <ol>
 *   <li>Actions with a null field, a timestamp after the run time, a negative or NaN duration, or an action type,
 *       surface or item the checkpoint does not know are left out; exact duplicates count once.</li>
 *   <li>A previous table written with another model is refused ({@link ModelMismatchException} naming both ids)
 *       unless {@link SparkDailyOptions#reembedAll()}. Without a usable previous table (none, an empty one, or one of
 *       another model with re-embedding on) everyone with an action is embedded. Otherwise the users with an action after the previous run time, and those the previous
 *       table lacks, are embedded and every other row of the previous table is copied unchanged (bit for bit).</li>
 *   <li>Each user to embed is one row with the last M actions (M = the spec's maxSequenceLength; ties in time are
 *       ordered by item, type, surface and duration) and the previous vector; the rows are spread over
 *       {@code partitions} partitions by user id, and each partition is encoded in batches by its executor's one
 *       model ({@link ExecutorModel}): the checkpoint file and the item catalogue are broadcast, the encoder opens on
 *       first use and serves every task of that JVM. Carried-over rows never reach the model.</li>
 * </ol>
 *
 * <p>The job serves a model bundle ({@link #forBundle}): the bundle's item vectors are the item table
 * ({@link #itemTable()}), never vectors derived again from data, and the written tables record its model id. Actions
 * on items the bundle lacks are left out (step 1).
 *
 * <p>Instances hold the session and the model; they are cheap, and runs are independent.
 */
public final class SparkDailyJob {
    private static final System.Logger LOG = System.getLogger(SparkDailyJob.class.getName());
    private static final StructType EMBEDDED = new StructType()
            .add(Tables.USER_ID, DataTypes.LongType, false)
            .add(Tables.VECTOR, DataTypes.createArrayType(DataTypes.FloatType, false), false);
    private static final StructType ITEMS_EMBEDDED = new StructType()
            .add(Tables.ITEM_ID, DataTypes.LongType, false)
            .add(Tables.VECTOR, DataTypes.createArrayType(DataTypes.FloatType, false), false);

    private final SparkSession spark;
    private final Checkpoint checkpoint;
    private final byte[] checkpointBytes;
    private final String checkpointId;
    private final String modelId;
    private final Optional<ItemCatalog> bundleItems;

    /**
     * A job for a checkpoint outside a bundle (its model id is its {@link Checkpoint#id()}); the item table is given
     * to each run.
     *
     * @throws UncheckedIOException if the checkpoint cannot be serialised for broadcast
     */
    public SparkDailyJob(SparkSession spark, Checkpoint checkpoint) {
        this(spark, checkpoint, checkpoint.id(), Optional.empty());
    }

    /**
     * A job for a model bundle: its checkpoint, its item vectors ({@link #itemTable()}) and its model id.
     *
     * @throws UncheckedIOException if the checkpoint cannot be serialised for broadcast
     */
    public SparkDailyJob(SparkSession spark, ModelBundle bundle) {
        this(spark, bundle.checkpoint(), bundle.modelId(), Optional.of(bundle.items()));
    }

    private SparkDailyJob(SparkSession spark, Checkpoint checkpoint, String modelId,
            Optional<ItemCatalog> bundleItems) {
        this.spark = Objects.requireNonNull(spark, "spark");
        this.checkpoint = Objects.requireNonNull(checkpoint, "checkpoint");
        this.checkpointBytes = bytesOf(checkpoint);
        this.checkpointId = checkpoint.id();
        this.modelId = Objects.requireNonNull(modelId, "modelId");
        this.bundleItems = bundleItems;
    }

    /**
     * A job for the model bundle directory at {@code path}, read through Spark (so any file system Spark reads works:
     * local, HDFS, S3, ...) into a private temporary directory and verified there ({@link ModelBundle#open}).
     *
     * @throws org.pinnerformer.api.CheckpointException if the bundle is missing, damaged or inconsistent, naming the
     *     file
     */
    public static SparkDailyJob forBundle(SparkSession spark, String path) {
        Objects.requireNonNull(spark, "spark");
        Objects.requireNonNull(path, "path");
        String dir = path.endsWith("/") ? path : path + "/";
        List<Row> rows = spark.read().format("binaryFile").load(dir + "*").select("path", "content")
                .collectAsList();
        Path local = null;
        try {
            local = Files.createTempDirectory("pinnerformer-bundle");
            for (Row r : rows) {
                String name = r.getString(0).substring(r.getString(0).lastIndexOf('/') + 1);
                Files.write(local.resolve(name), (byte[]) r.get(1));
            }
            ModelBundle bundle = ModelBundle.open(local);
            return new SparkDailyJob(spark, bundle);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the model bundle " + path + " to a temporary directory", e);
        } catch (org.pinnerformer.api.CheckpointException e) {
            throw new org.pinnerformer.api.CheckpointException(e.getMessage().replace(String.valueOf(local), path),
                    e);
        } finally {
            if (local != null) {
                deleteQuietly(local);
            }
        }
    }

    private static void deleteQuietly(Path dir) {
        try (java.util.stream.Stream<Path> files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.deleteIfExists(f);
            }
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            // a leftover temporary directory is harmless
        }
    }

    /** The id of the model the written tables record (a bundle's model id). */
    public String modelId() {
        return modelId;
    }

    /**
     * The bundle's item vectors as an item table ({@code item_id, vector}): the items the model was trained with.
     *
     * @throws IllegalStateException for a job made from a checkpoint outside a bundle
     */
    public Dataset<Row> itemTable() {
        ItemCatalog items = bundleItems.orElseThrow(() -> new IllegalStateException("this job was made from a "
                + "checkpoint outside a model bundle: pass its item table to each run"));
        List<Row> rows = new java.util.ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            float[] v = items.vector(i);
            List<Float> boxed = new java.util.ArrayList<>(v.length);
            for (float x : v) {
                boxed.add(x);
            }
            rows.add(org.apache.spark.sql.RowFactory.create(items.itemId(i), boxed));
        }
        return spark.createDataFrame(rows, new StructType().add(Tables.ITEM_ID, DataTypes.LongType, false)
                .add(Tables.VECTOR, DataTypes.createArrayType(DataTypes.FloatType, false), false));
    }

    /** The checkpoint. */
    public Checkpoint checkpoint() {
        return checkpoint;
    }

    /**
     * Runs the job and writes the day's user embedding table as Parquet to {@code output}.
     *
     * @param actions the action log (see {@link Tables})
     * @param items the item vector table
     * @param previous the previous day's user embedding table, if any
     * @param mode what to do when {@code output} exists
     * @throws IllegalArgumentException naming the table and the columns when a table lacks a column, or when the item
     *     table does not fit the checkpoint
     */
    public SparkDailyResult run(SparkDailyOptions options, Dataset<Row> actions, Dataset<Row> items,
            Optional<Dataset<Row>> previous, String output, SaveMode mode) {
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(mode, "mode");
        long started = System.nanoTime();
        UserRun run = userRun(options, actions, items, previous);
        run.table().write().mode(mode).parquet(output);
        long published = spark.read().parquet(output).count();
        JobCounters c = run.counters();
        long carried = published - c.embeddedCount() - c.failedKeptCount();
        SparkDailyResult r = new SparkDailyResult(options.date(), modelId, c.backendNames(), c.embeddedCount(),
                carried, c.failedCount(), c.failureSamples(), run.fullRun(), published, output,
                (System.nanoTime() - started) / 1e9);
        LOG.log(Level.INFO, () -> "pinnerformer-spark: wrote " + r);
        return r;
    }

    /**
     * The day's user embedding table ({@code user_id, vector, model_id, date}), not yet computed: Spark computes
     * it when it is written or collected (the model runs each time it is computed: write it once).
     *
     * @throws IllegalArgumentException as {@link #run}
     */
    public Dataset<Row> userEmbeddings(SparkDailyOptions options, Dataset<Row> actions, Dataset<Row> items,
            Optional<Dataset<Row>> previous) {
        return userRun(options, actions, items, previous).table();
    }

    /**
     * The item embedding table ({@code item_id, vector, model_id, date}) of every item of {@code items}, from
     * the item tower, for building the retrieval index; not yet computed.
     *
     * @throws IllegalArgumentException naming the missing columns when the item table lacks one
     */
    public Dataset<Row> itemEmbeddings(SparkDailyOptions options, Dataset<Row> items) {
        Objects.requireNonNull(options, "options");
        Dataset<Row> table = Tables.items(items);
        return table.repartition(options.partitions(), col(Tables.ITEM_ID))
                .mapPartitions(new ItemPartitionEncoder(shipment(options), options.batchSize()),
                        Encoders.row(ITEMS_EMBEDDED))
                .withColumn(Tables.MODEL_ID, lit(modelId))
                .withColumn(Tables.DATE, lit(Date.valueOf(options.date())));
    }

    /**
     * Writes {@link #itemEmbeddings} as Parquet to {@code output}.
     *
     * @return the number of items written
     */
    public long writeItemEmbeddings(SparkDailyOptions options, Dataset<Row> items, String output, SaveMode mode) {
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(mode, "mode");
        itemEmbeddings(options, items).write().mode(mode).parquet(output);
        return spark.read().parquet(output).count();
    }

    record UserRun(Dataset<Row> table, JobCounters counters, boolean fullRun) {
    }

    UserRun userRun(SparkDailyOptions options, Dataset<Row> actions, Dataset<Row> items,
            Optional<Dataset<Row>> previous) {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(previous, "previous");
        Dataset<Row> acts = Tables.actions(actions);
        Dataset<Row> itemTable = Tables.items(items);
        Optional<Dataset<Row>> prev = previous.map(Tables::userEmbeddings);
        int d = checkpoint.spec().outputSize();
        int m = checkpoint.spec().maxSequenceLength();

        ItemCatalog catalog = CatalogArrays.collect(itemTable, checkpoint.spec().itemVectorSize());
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Broadcast<CatalogArrays> catalogBroadcast = jsc.broadcast(CatalogArrays.of(catalog));

        Dataset<Row> known = acts.na().drop()
                .filter(col(Tables.TIMESTAMP).leq(options.runTime()))
                .filter(col(Tables.DURATION).geq(0).and(isnan(col(Tables.DURATION)).unary_$bang()))
                .filter(col(Tables.ACTION_TYPE).isin(checkpoint.actionTypes().tokens().toArray()))
                .filter(col(Tables.SURFACE).isin(checkpoint.surfaces().tokens().toArray()))
                .join(broadcast(itemTable.select(Tables.ITEM_ID)), Tables.ITEM_ID, "left_semi");

        Optional<Dataset<Row>> usable = prev.filter(p -> usable(p, d, options.reembedAll()));
        boolean fullRun = usable.isEmpty();
        // Who is embedded: one cheap aggregate (the newest action per user) and, after a previous run, a join with
        // the previous table's ids. Only these users' actions are sorted and grouped below.
        Dataset<Row> last = known.groupBy(Tables.USER_ID).agg(max(Tables.TIMESTAMP).as("last"));
        Dataset<Row> selected;
        if (fullRun) {
            selected = last.select(Tables.USER_ID);
        } else {
            double before = options.previousRunTime().isPresent() ? options.previousRunTime().getAsDouble()
                    : SparkDailyOptions.endOfDay(newestDate(usable.get()));
            Dataset<Row> had = usable.get().select(col(Tables.USER_ID), lit(true).as("had"));
            selected = last.join(had, Tables.USER_ID, "left")
                    .filter(col("last").gt(before).or(col("had").isNull()))
                    .select(Tables.USER_ID);
        }
        // One row per user to embed: the last M actions (newest first by time, then item, type, surface and
        // duration), and the previous vector, kept when the encoder fails on the user.
        WindowSpec newestFirst = Window.partitionBy(Tables.USER_ID).orderBy(col(Tables.TIMESTAMP).desc(),
                col(Tables.ITEM_ID).desc(), col(Tables.ACTION_TYPE).desc(), col(Tables.SURFACE).desc(),
                col(Tables.DURATION).desc());
        // Exact duplicates count once (as in TimelinesBuilder); they cannot change a user's newest time, so only
        // the selected users' actions are de-duplicated.
        Dataset<Row> grouped = known.join(selected, Tables.USER_ID, "left_semi")
                .dropDuplicates()
                .withColumn("rank", row_number().over(newestFirst))
                .filter(col("rank").leq(m))
                .groupBy(Tables.USER_ID)
                .agg(collect_list(struct(col(Tables.ITEM_ID), col(Tables.TIMESTAMP), col(Tables.ACTION_TYPE),
                        col(Tables.SURFACE), col(Tables.DURATION).cast(DataTypes.FloatType))).as("actions"));
        Dataset<Row> toEmbed;
        if (fullRun) {
            toEmbed = grouped.withColumn("previous", lit(null).cast(DataTypes.createArrayType(DataTypes.FloatType)));
        } else {
            Dataset<Row> p = usable.get().select(col(Tables.USER_ID), col(Tables.VECTOR).as("previous"));
            toEmbed = grouped.join(p, Tables.USER_ID, "left");
        }

        JobCounters counters = new JobCounters(spark.sparkContext());
        Dataset<Row> table = toEmbed.select(col(Tables.USER_ID), col("actions"), col("previous"))
                .repartition(options.partitions(), col(Tables.USER_ID))
                .mapPartitions(new UserPartitionEncoder(shipment(options), catalogBroadcast, options.runTime(),
                        options.batchSize(), counters), Encoders.row(EMBEDDED));
        if (!fullRun) {
            // Everyone else of the previous table, copied as it is (never through the model).
            Dataset<Row> carried = usable.get().join(selected, Tables.USER_ID, "left_anti")
                    .select(col(Tables.USER_ID), col(Tables.VECTOR));
            table = table.unionByName(carried);
        }
        table = table.withColumn(Tables.MODEL_ID, lit(modelId))
                .withColumn(Tables.DATE, lit(Date.valueOf(options.date())));
        return new UserRun(table, counters, fullRun);
    }

    /**
     * Whether the previous table was written with this model and dimension only (one pass over it).
     *
     * @throws ModelMismatchException if it holds rows of another model and {@code reembedAll} is off
     */
    private boolean usable(Dataset<Row> prev, int d, boolean reembedAll) {
        List<Row> kinds = prev.groupBy(col(Tables.MODEL_ID), size(col(Tables.VECTOR)).as("d")).count()
                .collectAsList();
        if (!reembedAll) {
            for (Row k : kinds) {
                if (!modelId.equals(k.getString(0))) {
                    throw new ModelMismatchException("refusing to mix models in one table series: the previous "
                            + "user embedding table holds " + k.getLong(2) + " rows of model " + k.getString(0)
                            + " but this run embeds with model " + modelId + "; run with the previous table's model,"
                            + " or re-embed everyone (SparkDailyOptions.withReembedAll, --reembed-all)");
                }
            }
        }
        boolean ok = kinds.size() == 1 && modelId.equals(kinds.get(0).getString(0)) && kinds.get(0).getInt(1) == d;
        if (!ok) {
            LOG.log(Level.INFO, () -> "pinnerformer-spark: the previous table is not carried over: it has "
                    + (kinds.isEmpty() ? "no rows" : "(model_id, dimension, rows) " + kinds)
                    + ", this run uses model " + modelId + " of dimension " + d);
        }
        return ok;
    }

    private static LocalDate newestDate(Dataset<Row> prev) {
        Row r = prev.agg(max(col(Tables.DATE))).first();
        if (r.isNullAt(0)) {
            throw new IllegalArgumentException("the previous user embedding table has no date: give the previous "
                    + "run time explicitly");
        }
        return r.getDate(0).toLocalDate();
    }

    private ModelShipment shipment(SparkDailyOptions options) {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        return new ModelShipment(jsc.broadcast(checkpointBytes), checkpointId, options.backend().orElse(""),
                options.encoderThreads());
    }

    private static byte[] bytesOf(Checkpoint checkpoint) {
        Path tmp = null;
        try {
            tmp = Files.createTempFile("pinnerformer-checkpoint", ".safetensors");
            checkpoint.write(tmp);
            return Files.readAllBytes(tmp);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serialise the checkpoint for broadcast", e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException e) {
                    // a leftover temporary file is harmless
                }
            }
        }
    }

    /**
     * The entry point of {@code spark-submit}; see {@link JobArguments} for the arguments, or run without any.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        JobArguments a;
        try {
            a = JobArguments.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("pinnerformer-spark: " + e.getMessage());
            System.err.print(JobArguments.usage());
            System.exit(2);
            return;
        }
        SparkSession spark = SparkSession.builder().appName("pinnerformer-daily-" + a.options().date())
                .getOrCreate();
        try {
            SparkDailyJob job = forBundle(spark, a.model());
            Dataset<Row> actions = spark.read().format(a.format()).load(a.actions());
            Dataset<Row> items = job.itemTable();
            Optional<Dataset<Row>> previous = a.previous().map(p -> spark.read().format(a.format()).load(p));
            SaveMode mode = a.overwrite() ? SaveMode.Overwrite : SaveMode.ErrorIfExists;
            SparkDailyResult r = job.run(a.options(), actions, items, previous, a.output(), mode);
            System.out.println(r);
            if (a.itemOutput().isPresent()) {
                long n = job.writeItemEmbeddings(a.options(), items, a.itemOutput().get(), mode);
                System.out.println("wrote " + n + " item embeddings to " + a.itemOutput().get());
            }
        } finally {
            spark.stop();
        }
    }
}
