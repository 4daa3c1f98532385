package org.pinnerformer.spark;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Set;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.pinnerformer.api.Checkpoint;
import org.pinnerformer.core.data.ItemCatalog;
import org.pinnerformer.core.data.Timelines;
import org.pinnerformer.core.data.TimelinesBuilder;
import org.pinnerformer.core.features.InferenceBatches;
import org.pinnerformer.core.features.SequenceFeatures;
import org.pinnerformer.core.inference.UserBatchEncoding;
import org.pinnerformer.spi.UserEncoder;

/**
 * Embeds the users of one partition. Input rows: {@code user_id}, {@code actions} (an array of
 * {@code (item_id, timestamp, action_type, surface, duration)}: the user's last M distinct known actions up to the run
 * time, in any order; null when the user has none) and {@code previous} (the previous vector or null); users who are
 * only carried over never reach this function. Output rows: {@code (user_id, vector)}.
 *
 * <p>Users are taken {@code batchSize} at a time: their actions go through {@link TimelinesBuilder} and
 * {@link InferenceBatches#at} exactly as in the single-machine {@code BatchInferenceJob}, so the model sees the same
 * inputs. A user the encoder fails on (exception or non-finite output) keeps the previous vector when there is one,
 * and is counted. Counts go to {@link JobCounters} once per partition, when the task has gone through all of it.
 */
final class UserPartitionEncoder implements MapPartitionsFunction<Row, Row> {
    private static final long serialVersionUID = 1L;
    private static final Comparator<Row> ACTION_ORDER = Comparator.<Row>comparingDouble(r -> r.getDouble(1))
            .thenComparingLong(r -> r.getLong(0)).thenComparing(r -> r.getString(2))
            .thenComparing(r -> r.getString(3)).thenComparingDouble(r -> r.getFloat(4));

    private final ModelShipment model;
    private final Broadcast<CatalogArrays> catalog;
    private final double runTime;
    private final int batchSize;
    private final JobCounters counters;

    UserPartitionEncoder(ModelShipment model, Broadcast<CatalogArrays> catalog, double runTime, int batchSize,
            JobCounters counters) {
        this.model = Objects.requireNonNull(model, "model");
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.runTime = runTime;
        this.batchSize = batchSize;
        this.counters = Objects.requireNonNull(counters, "counters");
    }

    @Override
    public Iterator<Row> call(Iterator<Row> input) {
        ExecutorModel m = ExecutorModel.of(model);
        ItemCatalog items = ExecutorModel.catalog(catalog);
        UserEncoder encoder = m.userEncoder();
        Tally tally = new Tally();
        int partition = TaskContext.getPartitionId();
        return new Iterator<>() {
            private final ArrayList<Row> out = new ArrayList<>();
            private int next;
            private boolean reported;

            @Override
            public boolean hasNext() {
                while (next == out.size() && input.hasNext()) {
                    out.clear();
                    next = 0;
                    List<Row> chunk = new ArrayList<>(batchSize);
                    while (chunk.size() < batchSize && input.hasNext()) {
                        chunk.add(input.next());
                    }
                    encode(m.checkpoint(), items, encoder, chunk, out, tally);
                }
                boolean more = next < out.size();
                if (!more && !reported) {
                    reported = true;
                    counters.report(new JobCounters.PartitionReport(partition, m.backendName(), tally.embedded,
                            tally.failed, tally.failedKept, tally.samples));
                }
                return more;
            }

            @Override
            public Row next() {
                if (!hasNext()) {
                    throw new NoSuchElementException("no more users in this partition");
                }
                return out.get(next++);
            }
        };
    }

    /** What one task has counted so far. */
    private static final class Tally {
        long embedded;
        long failed;
        long failedKept;
        final List<String> samples = new ArrayList<>();

        void failed(long id, String reason, boolean keptPrevious) {
            failed++;
            if (keptPrevious) {
                failedKept++;
            }
            if (samples.size() < JobCounters.SAMPLES) {
                samples.add("user " + id + ": " + reason + (keptPrevious ? " (kept the previous vector)" : ""));
            }
        }
    }

    private void encode(Checkpoint checkpoint, ItemCatalog items, UserEncoder encoder, List<Row> chunk,
            List<Row> out, Tally tally) {
        TimelinesBuilder builder = new TimelinesBuilder(items, checkpoint.actionTypes(), checkpoint.surfaces(),
                Set.of());
        for (Row user : chunk) {
            long id = user.getLong(0);
            List<Row> actions = new ArrayList<>(user.<Row>getList(1));
            actions.sort(ACTION_ORDER);
            for (Row a : actions) {
                OptionalInt item = items.index(a.getLong(0));
                OptionalInt type = checkpoint.actionTypes().indexOf(a.getString(2));
                OptionalInt surface = checkpoint.surfaces().indexOf(a.getString(3));
                // The job keeps only known actions; anything else would be dropped here as by TimelinesBuilder.add.
                if (item.isPresent() && type.isPresent() && surface.isPresent()) {
                    builder.add(id, item.getAsInt(), a.getDouble(1), type.getAsInt(), surface.getAsInt(),
                            a.getFloat(4));
                }
            }
        }
        Timelines timelines = builder.build();
        SequenceFeatures features = new SequenceFeatures(checkpoint.spec(), timelines, items);
        int[] users = InferenceBatches.usersActiveBy(timelines, runTime);
        int d = checkpoint.spec().outputSize();
        String[] errors = new String[users.length];
        float[] vectors = users.length == 0 ? new float[0] : UserBatchEncoding.encode(encoder, features, users, runTime, d, errors);
        Map<Long, Integer> byId = new HashMap<>();
        for (int b = 0; b < users.length; b++) {
            byId.put(timelines.userId(users[b]), b);
        }
        for (Row user : chunk) {
            long id = user.getLong(0);
            Integer b = byId.get(id);
            String error = b == null ? "no known action at or before the run time" : errors[b];
            if (error == null) {
                out.add(RowFactory.create(id, Arrays.copyOfRange(vectors, b * d, (b + 1) * d)));
                tally.embedded++;
            } else if (!user.isNullAt(2)) {
                out.add(RowFactory.create(id, CatalogArrays.floats(user.getList(2), "the previous vector of user "
                        + id)));
                tally.failed(id, error, true);
            } else {
                tally.failed(id, error, false);
            }
        }
    }
}
