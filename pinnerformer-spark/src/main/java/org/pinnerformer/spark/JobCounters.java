package org.pinnerformer.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.SparkContext;
import org.apache.spark.util.CollectionAccumulator;

/**
 * Counts of one run, exact even when tasks are retried or partitions computed again: each encoding task sends one
 * {@link PartitionReport} for its whole partition (only when it went through all of it, so a failed or killed attempt
 * sends none), and the driver keeps one report per partition. Plain counting accumulators would add a partition again
 * each time a shuffle-map stage holding it is re-run (after a lost executor) or the table is computed again.
 */
final class JobCounters implements Serializable {
    private static final long serialVersionUID = 1L;
    /** At most this many failure reasons are kept per partition. */
    static final int SAMPLES = 20;

    /**
     * What one task counted over one whole partition of users to embed.
     *
     * @param partition the partition (the task's partition id)
     * @param backend the backend that encoded
     * @param embedded users embedded
     * @param failed users the encoder failed on
     * @param failedKept of those, the users that kept their previous vector
     * @param samples the first reasons (at most {@link #SAMPLES})
     */
    record PartitionReport(int partition, String backend, long embedded, long failed, long failedKept,
            List<String> samples) implements Serializable {
        PartitionReport {
            Objects.requireNonNull(backend, "backend");
            samples = List.copyOf(samples);
        }
    }

    private final CollectionAccumulator<PartitionReport> reports;

    JobCounters(SparkContext sc) {
        Objects.requireNonNull(sc, "sc");
        reports = sc.collectionAccumulator("pinnerformer.partitionReports");
    }

    /** Called by a task once it has gone through its whole partition. */
    void report(PartitionReport report) {
        reports.add(Objects.requireNonNull(report, "report"));
    }

    /** One report per partition (the first that arrived; every attempt of a partition counts the same users). */
    Map<Integer, PartitionReport> byPartition() {
        Map<Integer, PartitionReport> out = new TreeMap<>();
        for (PartitionReport r : reports.value()) {
            out.putIfAbsent(r.partition(), r);
        }
        return out;
    }

    /** How many reports arrived (more than the partitions when some were computed more than once). */
    int reportsReceived() {
        return reports.value().size();
    }

    long embeddedCount() {
        return byPartition().values().stream().mapToLong(PartitionReport::embedded).sum();
    }

    long failedCount() {
        return byPartition().values().stream().mapToLong(PartitionReport::failed).sum();
    }

    long failedKeptCount() {
        return byPartition().values().stream().mapToLong(PartitionReport::failedKept).sum();
    }

    List<String> failureSamples() {
        List<String> out = new ArrayList<>();
        byPartition().values().forEach(r -> out.addAll(r.samples()));
        return List.copyOf(out);
    }

    /** The backends that encoded, joined by commas (one name unless executors disagree). */
    String backendNames() {
        TreeSet<String> names = new TreeSet<>();
        byPartition().values().forEach(r -> names.add(r.backend()));
        return String.join(",", names);
    }
}
