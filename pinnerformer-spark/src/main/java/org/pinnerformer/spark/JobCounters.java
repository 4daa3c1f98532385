package org.pinnerformer.spark;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import org.apache.spark.SparkContext;
import org.apache.spark.util.CollectionAccumulator;
import org.apache.spark.util.LongAccumulator;

/**
 * Counts of one run, gathered from the executors through accumulators (a retried task counts twice, so the counts
 * are exact only when no task was retried; the written table is always exact).
 */
final class JobCounters implements Serializable {
    private static final long serialVersionUID = 1L;
    /** At most this many failure reasons are kept per task. */
    static final int SAMPLES = 20;

    private final LongAccumulator embedded;
    private final LongAccumulator failed;
    private final LongAccumulator failedKept;
    private final CollectionAccumulator<String> failures;
    private final CollectionAccumulator<String> backends;

    JobCounters(SparkContext sc) {
        Objects.requireNonNull(sc, "sc");
        embedded = sc.longAccumulator("pinnerformer.embedded");
        failed = sc.longAccumulator("pinnerformer.failed");
        failedKept = sc.longAccumulator("pinnerformer.failedKeptPrevious");
        failures = sc.collectionAccumulator("pinnerformer.failures");
        backends = sc.collectionAccumulator("pinnerformer.backends");
    }

    void embedded() {
        embedded.add(1);
    }

    void failed(long id, String reason, boolean keptPrevious) {
        failed.add(1);
        if (keptPrevious) {
            failedKept.add(1);
        }
        if (failed.count() <= SAMPLES) {
            failures.add("user " + id + ": " + reason + (keptPrevious ? " (kept the previous vector)" : ""));
        }
    }

    void backend(String name) {
        backends.add(name);
    }

    long embeddedCount() {
        return embedded.value();
    }

    long failedCount() {
        return failed.value();
    }

    long failedKeptCount() {
        return failedKept.value();
    }

    List<String> failureSamples() {
        return List.copyOf(failures.value());
    }

    /** The backends that encoded, joined by commas (one name unless executors disagree). */
    String backendNames() {
        return String.join(",", new TreeSet<>(backends.value()));
    }
}
