package org.pinnerformer.spark;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The command line of {@link SparkDailyJob#main}: {@value #USAGE_LINE}.
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

    /** The usage text. */
    public static final String USAGE = "usage: SparkDailyJob " + USAGE_LINE + "\n"
            + "  The run time defaults to the end of --date (UTC); the previous run time to the end of the previous\n"
            + "  table's newest date. Tables and columns: docs/spark.md.";

    private static final Set<String> VALUED = Set.of("--model", "--actions", "--output", "--date",
            "--previous", "--item-output", "--format", "--run-time", "--previous-run-time", "--backend",
            "--batch-size", "--encoder-threads", "--partitions");
    private static final List<String> REQUIRED = List.of("--model", "--actions", "--output", "--date");

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
     * @throws IllegalArgumentException with a sentence naming the option when an option is unknown, lacks its value,
     *     is missing or has a bad value
     */
    public static JobArguments parse(String... args) {
        Map<String, String> v = new HashMap<>();
        boolean overwrite = false;
        boolean reembedAll = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--overwrite")) {
                overwrite = true;
            } else if (a.equals("--reembed-all")) {
                reembedAll = true;
            } else if (VALUED.contains(a)) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("option " + a + " needs a value");
                }
                v.put(a, args[++i]);
            } else {
                throw new IllegalArgumentException("unknown argument '" + a + "'");
            }
        }
        for (String r : REQUIRED) {
            if (!v.containsKey(r)) {
                throw new IllegalArgumentException("option " + r + " is required");
            }
        }
        LocalDate date;
        try {
            date = LocalDate.parse(v.get("--date"));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("--date must be YYYY-MM-DD, was '" + v.get("--date") + "'", e);
        }
        SparkDailyOptions o = SparkDailyOptions.forDay(date).withReembedAll(reembedAll);
        if (v.containsKey("--run-time")) {
            o = o.withRunTime(number(v, "--run-time"));
        }
        if (v.containsKey("--previous-run-time")) {
            o = o.withPreviousRunTime(number(v, "--previous-run-time"));
        }
        if (v.containsKey("--backend")) {
            o = o.withBackend(v.get("--backend"));
        }
        if (v.containsKey("--batch-size")) {
            o = o.withBatchSize(integer(v, "--batch-size"));
        }
        if (v.containsKey("--encoder-threads")) {
            o = o.withEncoderThreads(integer(v, "--encoder-threads"));
        }
        if (v.containsKey("--partitions")) {
            o = o.withPartitions(integer(v, "--partitions"));
        }
        return new JobArguments(v.get("--model"), v.get("--actions"), Optional.ofNullable(v.get("--previous")),
                v.get("--output"), Optional.ofNullable(v.get("--item-output")), v.getOrDefault("--format", "parquet"), overwrite, o);
    }

    private static double number(Map<String, String> v, String key) {
        try {
            return Double.parseDouble(v.get(key));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a number of epoch seconds, was '" + v.get(key) + "'",
                    e);
        }
    }

    private static int integer(Map<String, String> v, String key) {
        try {
            return Integer.parseInt(v.get(key));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be an integer, was '" + v.get(key) + "'", e);
        }
    }
}
