package org.pinnerformer.spark;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The command line of {@link SparkDailyJob#main}: {@value #USAGE_LINE}, parsed by picocli as the
 * {@code pinnerformer} command's are ({@link #usage()} is its help text).
 *
 * @param model the model bundle directory (any file system Spark reads); its item vectors are the item table
 * @param actions the action log
 * @param previous the previous user embedding table, if any
 * @param output where to write the user embedding table (Parquet)
 * @param itemOutput where to write the item embedding table (Parquet), if wanted
 * @param format the Spark source format of the action log and the previous table ({@code parquet}, {@code orc}, {@code json}, ...)
 * @param overwrite whether to replace existing output
 * @param options the run's options
 */
public record JobArguments(String model, String actions, Optional<String> previous,
        String output, Optional<String> itemOutput, String format, boolean overwrite, SparkDailyOptions options) {

    /** The synopsis. */
    public static final String USAGE_LINE = "--model BUNDLE --actions PATH --output PATH "
            + "--date YYYY-MM-DD [--previous PATH] [--item-output PATH] [--format parquet] [--run-time EPOCH_S] "
            + "[--previous-run-time EPOCH_S] [--backend onnx|djl|java] [--batch-size 256] [--encoder-threads 1] "
            + "[--partitions 200] [--reembed-all] [--overwrite]";

    /** Validates. */
    public JobArguments {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(actions, "actions");
        Objects.requireNonNull(previous, "previous");
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(itemOutput, "itemOutput");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(options, "options");
    }

    /**
     * Parses a command line.
     *
     * @throws IllegalArgumentException with picocli's sentence naming the option when an option is unknown, lacks its
     *     value, is missing or has a bad value
     */
    public static JobArguments parse(String... args) {
        Options v = new Options();
        try {
            new CommandLine(v).parseArgs(args);
        } catch (CommandLine.ParameterException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        LocalDate date;
        try {
            date = LocalDate.parse(v.date);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("--date must be YYYY-MM-DD, was '" + v.date + "'", e);
        }
        SparkDailyOptions o = SparkDailyOptions.forDay(date).withReembedAll(v.reembedAll);
        if (v.runTime != null) {
            o = o.withRunTime(v.runTime);
        }
        if (v.previousRunTime != null) {
            o = o.withPreviousRunTime(v.previousRunTime);
        }
        if (v.backend != null) {
            o = o.withBackend(v.backend);
        }
        if (v.batchSize != null) {
            o = o.withBatchSize(v.batchSize);
        }
        if (v.encoderThreads != null) {
            o = o.withEncoderThreads(v.encoderThreads);
        }
        if (v.partitions != null) {
            o = o.withPartitions(v.partitions);
        }
        return new JobArguments(v.model, v.actions, Optional.ofNullable(v.previous), v.output,
                Optional.ofNullable(v.itemOutput), v.format, v.overwrite, o);
    }

    /** The help text: the synopsis and every option with its description. */
    public static String usage() {
        return new CommandLine(new Options()).getUsageMessage(CommandLine.Help.Ansi.OFF);
    }

    /** The options as picocli fills them; absent optional values stay null and take the job's defaults. */
    @Command(name = "SparkDailyJob", customSynopsis = "SparkDailyJob " + USAGE_LINE,
            description = {"The daily user-embedding job on Spark. The run time defaults to the end of --date (UTC); the"
                    + " previous run time to the end of the previous table's newest date. Tables and columns:"
                    + " docs/spark.md."},
            exitCodeListHeading = "%nExit status:%n",
            exitCodeList = {"0:success", "1:the job failed", "2:usage error (an unknown, missing or invalid option)"})
    static final class Options {
        @Option(names = "--model", paramLabel = "BUNDLE", required = true,
                description = "The model bundle directory (any file system Spark reads).")
        String model;

        @Option(names = "--actions", paramLabel = "PATH", required = true, description = "The action log.")
        String actions;

        @Option(names = "--output", paramLabel = "PATH", required = true,
                description = "Where to write the user embedding table (Parquet).")
        String output;

        @Option(names = "--date", paramLabel = "YYYY-MM-DD", required = true, description = "The day of the run.")
        String date;

        @Option(names = "--previous", paramLabel = "PATH", description = "The previous user embedding table.")
        String previous;

        @Option(names = "--item-output", paramLabel = "PATH",
                description = "Where to write the item embedding table (Parquet).")
        String itemOutput;

        @Option(names = "--format", paramLabel = "NAME", defaultValue = "parquet",
                description = "Spark source format of the action log and the previous table (default: ${DEFAULT-VALUE}).")
        String format;

        @Option(names = "--run-time", paramLabel = "EPOCH_S", description = "The run time, epoch seconds.")
        Double runTime;

        @Option(names = "--previous-run-time", paramLabel = "EPOCH_S",
                description = "The previous run's time, epoch seconds.")
        Double previousRunTime;

        @Option(names = "--backend", paramLabel = "NAME", description = "onnx, djl or java (default: the best found).")
        String backend;

        @Option(names = "--batch-size", paramLabel = "N", description = "Users per encoder call (default: 256).")
        Integer batchSize;

        @Option(names = "--encoder-threads", paramLabel = "N", description = "Engine threads per task (default: 1).")
        Integer encoderThreads;

        @Option(names = "--partitions", paramLabel = "N", description = "Partitions of the user table (default: 200).")
        Integer partitions;

        @Option(names = "--reembed-all", description = "Embed every user again, not only the active ones.")
        boolean reembedAll;

        @Option(names = "--overwrite", description = "Replace existing output.")
        boolean overwrite;
    }
}
