package org.pinnerformer.spark;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Options of a {@link SparkDailyJob} run.
 *
 * @param date the day of the tables to write
 * @param runTime the time of this run, epoch seconds: only actions at or before it are used
 * @param previousRunTime the time of the previous run, epoch seconds; empty: the end (UTC) of the previous
 *     table's newest {@code date}
 * @param backend the backend to encode with, by name ({@code onnx}, {@code djl}, {@code java}); empty: {@code onnx}
 *     when usable, else any backend that can infer
 * @param batchSize the most users (or items) per call of an encoder, {@code > 0}
 * @param encoderThreads intra-op threads of the one encoder of each executor JVM, {@code > 0}; Spark's concurrent
 *     tasks share it, so 1 (parallelism from {@code spark.executor.cores}) is usually best
 * @param partitions how many partitions the users (and items) are spread over by id, {@code > 0}; several per
 *     executor core
 * @param reembedAll whether a previous table of another model may be replaced by embedding everyone again; without
 *     it the run is refused ({@link org.pinnerformer.api.ModelMismatchException}): one table series never mixes
 *     models
 */
public record SparkDailyOptions(LocalDate date, double runTime, OptionalDouble previousRunTime,
        Optional<String> backend, int batchSize, int encoderThreads, int partitions, boolean reembedAll) {

    /** Validates. */
    public SparkDailyOptions {
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(previousRunTime, "previousRunTime");
        Objects.requireNonNull(backend, "backend");
        if (!Double.isFinite(runTime)) {
            throw new IllegalArgumentException("runTime must be a finite time in epoch seconds, was " + runTime);
        }
        if (previousRunTime.isPresent() && !(previousRunTime.getAsDouble() <= runTime)) {
            throw new IllegalArgumentException("previousRunTime must be <= runTime " + runTime + ", was "
                    + previousRunTime.getAsDouble());
        }
        if (backend.isPresent() && backend.get().isBlank()) {
            throw new IllegalArgumentException("backend must be a backend name, was '" + backend.get() + "'");
        }
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batchSize must be > 0, was " + batchSize);
        }
        if (encoderThreads <= 0) {
            throw new IllegalArgumentException("encoderThreads must be > 0, was " + encoderThreads);
        }
        if (partitions <= 0) {
            throw new IllegalArgumentException("partitions must be > 0, was " + partitions);
        }
    }

    /**
     * The run for {@code date} at the end of that day (UTC), previous run time from the previous table, the default
     * backend, 256 users per batch, one encoder thread, 200 partitions.
     */
    public static SparkDailyOptions forDay(LocalDate date) {
        return new SparkDailyOptions(date, endOfDay(date), OptionalDouble.empty(), Optional.empty(), 256, 1, 200,
                false);
    }

    /** The end of {@code date} (midnight of the next day, UTC), epoch seconds. */
    public static double endOfDay(LocalDate date) {
        return date.plusDays(1).atStartOfDay().toEpochSecond(ZoneOffset.UTC);
    }

    /** These options with another run time. */
    public SparkDailyOptions withRunTime(double newRunTime) {
        return new SparkDailyOptions(date, newRunTime, previousRunTime, backend, batchSize, encoderThreads,
                partitions, reembedAll);
    }

    /** These options with an explicit previous run time. */
    public SparkDailyOptions withPreviousRunTime(double newPreviousRunTime) {
        return new SparkDailyOptions(date, runTime, OptionalDouble.of(newPreviousRunTime), backend, batchSize,
                encoderThreads, partitions, reembedAll);
    }

    /** These options with a backend chosen by name. */
    public SparkDailyOptions withBackend(String name) {
        return new SparkDailyOptions(date, runTime, previousRunTime, Optional.of(name), batchSize, encoderThreads,
                partitions, reembedAll);
    }

    /** These options with another batch size. */
    public SparkDailyOptions withBatchSize(int newBatchSize) {
        return new SparkDailyOptions(date, runTime, previousRunTime, backend, newBatchSize, encoderThreads,
                partitions, reembedAll);
    }

    /** These options with another number of encoder threads. */
    public SparkDailyOptions withEncoderThreads(int newThreads) {
        return new SparkDailyOptions(date, runTime, previousRunTime, backend, batchSize, newThreads, partitions,
                reembedAll);
    }

    /** These options with re-embedding of everyone after a previous table of another model on or off. */
    public SparkDailyOptions withReembedAll(boolean newReembedAll) {
        return new SparkDailyOptions(date, runTime, previousRunTime, backend, batchSize, encoderThreads, partitions,
                newReembedAll);
    }

    /** These options with another number of partitions. */
    public SparkDailyOptions withPartitions(int newPartitions) {
        return new SparkDailyOptions(date, runTime, previousRunTime, backend, batchSize, encoderThreads,
                newPartitions, reembedAll);
    }
}
