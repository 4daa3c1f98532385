package org.pinnerformer.core.eval;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.pinnerformer.api.EmbeddingStore;
import org.pinnerformer.api.ProgressListener;
import org.pinnerformer.core.data.ItemCatalog;
import org.pinnerformer.core.data.Timelines;
import org.pinnerformer.core.inference.BatchInferenceJob;
import org.pinnerformer.core.inference.DailyInput;
import org.pinnerformer.core.store.InMemoryEmbeddingStore;

/**
 * Evaluation on the production path: every embedding comes from a snapshot published by the
 * {@link BatchInferenceJob}, run at the requested cut time, so the paper's once / daily / realtime comparison
 * ({@link org.pinnerformer.core.eval.InferenceMode}) measures what the daily job would serve.
 *
 * <p>Each distinct cut time is one job run. Runs in increasing time are incremental exactly as in production
 * (users active since the previous run are re-embedded, everyone else is carried over); a cut earlier than the
 * latest run starts a fresh full run. The evaluator announces all its queries first ({@link #plan}): the job then
 * runs once per distinct query time in increasing order, one full run followed by incremental ones, exactly as a
 * production job would run through those days, and keeps only the queried rows. With a global time cut
 * ({@link org.pinnerformer.core.eval.CutPolicy}) a daily evaluation over K days is K job runs; with per-user cuts it
 * is one run per distinct cut, each re-embedding only the users who acted since the run before. A user with no
 * action at or before a cut is not in that snapshot and gets the all-zero row.
 *
 * <p>Not thread-safe (the evaluator calls {@link #embed} from one thread).
 */
public final class DailyJobUserEmbedder implements UserEmbedder {
    private final BatchInferenceJob job;
    private final Timelines timelines;
    private final ItemCatalog catalog;
    private final int dimension;
    private final InMemoryEmbeddingStore store = new InMemoryEmbeddingStore(2);
    private final Map<Double, EmbeddingStore.Snapshot> runs = new HashMap<>();
    private final Map<Query, float[]> planned = new HashMap<>();
    private double lastRunTime = Double.NaN;
    private EmbeddingStore.Snapshot lastRun;
    private int runCount;

    /**
     * An embedder that runs {@code job} over {@code timelines} (dense user indexes of the evaluation protocol).
     *
     * @param dimension D of the job's checkpoint
     */
    public DailyJobUserEmbedder(BatchInferenceJob job, Timelines timelines, ItemCatalog catalog, int dimension) {
        this.job = Objects.requireNonNull(job, "job");
        this.timelines = Objects.requireNonNull(timelines, "timelines");
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        if (dimension <= 0) {
            throw new IllegalArgumentException("dimension must be > 0, was " + dimension);
        }
        this.dimension = dimension;
    }

    @Override
    public int dimension() {
        return dimension;
    }

    /** How many times the job ran so far. */
    public int jobRuns() {
        return runCount;
    }

    /**
     * Runs the job forward through the distinct times of the queries (a full run at the earliest, then incremental
     * runs) and keeps each queried user's row of the snapshot at its time; forgets an earlier plan.
     */
    @Override
    public void plan(int[] users, double[] cutTimes) {
        checkLengths(users, cutTimes);
        planned.clear();
        TreeMap<Double, List<Integer>> byTime = new TreeMap<>();
        for (int i = 0; i < users.length; i++) {
            byTime.computeIfAbsent(cutTimes[i], t -> new ArrayList<>()).add(users[i]);
        }
        EmbeddingStore.Snapshot previous = null;
        double previousTime = Double.NaN;
        for (Map.Entry<Double, List<Integer>> at : byTime.entrySet()) {
            double time = at.getKey();
            LocalDate label = LocalDate.EPOCH.plusDays(runCount);
            DailyInput input = previous == null ? DailyInput.first(label, timelines, catalog, time)
                    : DailyInput.after(label, timelines, catalog, time, previousTime, previous);
            job.run(input, store, ProgressListener.none());
            runCount++;
            previous = store.snapshot(label).orElseThrow();
            previousTime = time;
            for (int u : at.getValue()) {
                planned.put(new Query(u, time), previous.vector(timelines.userId(u)).orElse(null));
            }
        }
    }

    @Override
    public float[] embed(int[] users, double[] cutTimes) {
        checkLengths(users, cutTimes);
        float[] out = new float[Math.multiplyExact(users.length, dimension)];
        for (int i = 0; i < users.length; i++) {
            Query q = new Query(users[i], cutTimes[i]);
            float[] v = planned.containsKey(q) ? planned.get(q)
                    : snapshotAt(cutTimes[i]).vector(timelines.userId(users[i])).orElse(null);
            if (v != null) {
                System.arraycopy(v, 0, out, i * dimension, dimension);
            }
        }
        return out;
    }

    private static void checkLengths(int[] users, double[] cutTimes) {
        Objects.requireNonNull(users, "users");
        Objects.requireNonNull(cutTimes, "cutTimes");
        if (users.length != cutTimes.length) {
            throw new IllegalArgumentException("users and cutTimes must have the same length, were " + users.length
                    + " and " + cutTimes.length);
        }
    }

    /** One planned query; times compare as doubles (the evaluator passes the same values to plan and embed). */
    private record Query(int user, double time) {
    }

    private EmbeddingStore.Snapshot snapshotAt(double cut) {
        EmbeddingStore.Snapshot known = runs.get(cut);
        if (known != null) {
            return known;
        }
        // Snapshots are keyed by day in a store; the job runs here get one synthetic day each.
        LocalDate label = LocalDate.EPOCH.plusDays(runCount);
        DailyInput input = lastRun != null && lastRunTime <= cut
                ? DailyInput.after(label, timelines, catalog, cut, lastRunTime, lastRun)
                : DailyInput.first(label, timelines, catalog, cut);
        job.run(input, store, ProgressListener.none());
        runCount++;
        EmbeddingStore.Snapshot snapshot = store.snapshot(label).orElseThrow();
        runs.put(cut, snapshot);
        if (lastRun == null || cut >= lastRunTime) {
            lastRun = snapshot;
            lastRunTime = cut;
        }
        return snapshot;
    }
}
