package org.pinnerformer.spark;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * The summary of one {@link SparkDailyJob} run. The counts are exact even when tasks were retried or stages re-run:
 * each partition of users to embed is counted once (see {@code docs/spark.md}).
 *
 * @param date the day written
 * @param modelId the id of the model the new vectors were computed with
 * @param backend the backend(s) that encoded, by name
 * @param embedded users embedded from their actions
 * @param carriedOver users whose previous vector was copied unchanged
 * @param failed users that could not be embedded (they keep their previous vector when they have one)
 * @param failureSamples the reasons of the first failures (at most {@value JobCounters#SAMPLES} per partition)
 * @param fullRun whether every user was embedded because there was no usable previous table (none, or one computed
 *     with another model and {@link SparkDailyOptions#reembedAll()})
 * @param published rows of the written table
 * @param output where the table was written
 * @param seconds wall time of the run, write included
 */
public record SparkDailyResult(LocalDate date, String modelId, String backend, long embedded, long carriedOver,
        long failed, List<String> failureSamples, boolean fullRun, long published, String output, double seconds) {

    /** Validates and copies. */
    public SparkDailyResult {
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(modelId, "modelId");
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(output, "output");
        failureSamples = List.copyOf(failureSamples);
    }
}
