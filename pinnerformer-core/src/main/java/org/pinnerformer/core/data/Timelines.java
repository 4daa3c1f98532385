package org.pinnerformer.core.data;

import java.util.Objects;
import org.pinnerformer.api.Vocabulary;

/**
 * Every user's actions, sorted by time, in flat primitive arrays (about 22 bytes an action, no object per
 * action): user {@code u} (a dense index {@code 0..userCount()-1}) owns actions
 * {@code start(u) .. end(u) - 1}, oldest first. Action {@code i} has a catalogue item index, a timestamp in
 * epoch seconds, an action-type and a surface index (into the vocabularies, not embedding rows), and a
 * duration in seconds.
 *
 * <p>Which action types count as positive engagement is part of the timelines ({@link #isPositive(int)}),
 * so that objective samplers and evaluation agree. Build instances with {@link TimelinesBuilder}.
 */
public final class Timelines {
    private final long[] userIds;
    private final int[] offsets;
    private final int[] items;
    private final double[] timestamps;
    private final byte[] actionTypes;
    private final byte[] surfaces;
    private final float[] durations;
    private final Vocabulary actionTypeVocabulary;
    private final Vocabulary surfaceVocabulary;
    private final boolean[] positiveTypes;

    Timelines(long[] userIds, int[] offsets, int[] items, double[] timestamps, byte[] actionTypes, byte[] surfaces,
            float[] durations, Vocabulary actionTypeVocabulary, Vocabulary surfaceVocabulary,
            boolean[] positiveTypes) {
        this.userIds = userIds;
        this.offsets = offsets;
        this.items = items;
        this.timestamps = timestamps;
        this.actionTypes = actionTypes;
        this.surfaces = surfaces;
        this.durations = durations;
        this.actionTypeVocabulary = Objects.requireNonNull(actionTypeVocabulary, "actionTypeVocabulary");
        this.surfaceVocabulary = Objects.requireNonNull(surfaceVocabulary, "surfaceVocabulary");
        this.positiveTypes = positiveTypes.clone();
        if (offsets.length != userIds.length + 1) {
            throw new IllegalArgumentException("offsets must have one more entry than users");
        }
    }

    /** The number of users. */
    public int userCount() {
        return userIds.length;
    }

    /** The number of actions of all users. */
    public int actionCount() {
        return items.length;
    }

    /** The external id of user {@code u}. */
    public long userId(int u) {
        return userIds[u];
    }

    /** The first action of user {@code u}. */
    public int start(int u) {
        return offsets[u];
    }

    /** One past the last action of user {@code u}. */
    public int end(int u) {
        return offsets[u + 1];
    }

    /** The number of actions of user {@code u}. */
    public int length(int u) {
        return offsets[u + 1] - offsets[u];
    }

    /** The catalogue index of action {@code i}'s item. */
    public int item(int i) {
        return items[i];
    }

    /** The timestamp of action {@code i}, in epoch seconds. */
    public double timestamp(int i) {
        return timestamps[i];
    }

    /** The action-type index (into {@link #actionTypes()}) of action {@code i}. */
    public int actionType(int i) {
        return actionTypes[i] & 0xff;
    }

    /** The surface index (into {@link #surfaces()}) of action {@code i}. */
    public int surface(int i) {
        return surfaces[i] & 0xff;
    }

    /** The duration of action {@code i}, in seconds. */
    public float duration(int i) {
        return durations[i];
    }

    /** Whether action {@code i} is a positive engagement. */
    public boolean isPositive(int i) {
        return positiveTypes[actionTypes[i] & 0xff];
    }

    /** Whether action type {@code type} counts as positive engagement. */
    public boolean isPositiveType(int type) {
        return positiveTypes[type];
    }

    /** The action-type vocabulary. */
    public Vocabulary actionTypes() {
        return actionTypeVocabulary;
    }

    /** The surface vocabulary. */
    public Vocabulary surfaces() {
        return surfaceVocabulary;
    }

    /**
     * The index of the first action of user {@code u} with a timestamp strictly greater than {@code time}
     * ({@code end(u)} when none), by binary search.
     */
    public int firstAfter(int u, double time) {
        int lo = offsets[u];
        int hi = offsets[u + 1];
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (timestamps[mid] <= time) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /**
     * The training period's prefix of every user's timeline: the same users (same dense indexes, some perhaps with
     * no action), the same catalogue indexes and vocabularies, and user {@code u}'s actions
     * {@code start(u) .. period.end(this, u) - 1}. Training on the prefix can never draw a label from after a
     * user's cut.
     */
    public Timelines prefix(TrainingPeriod period) {
        Objects.requireNonNull(period, "period");
        int n = userIds.length;
        int[] newOffsets = new int[n + 1];
        for (int u = 0; u < n; u++) {
            int end = period.end(this, u);
            if (end < offsets[u] || end > offsets[u + 1]) {
                throw new IllegalStateException("the training period ends user " + u + " at action " + end
                        + ", outside " + offsets[u] + ".." + offsets[u + 1]);
            }
            newOffsets[u + 1] = newOffsets[u] + (end - offsets[u]);
        }
        int total = newOffsets[n];
        int[] newItems = new int[total];
        double[] newTimestamps = new double[total];
        byte[] newTypes = new byte[total];
        byte[] newSurfaces = new byte[total];
        float[] newDurations = new float[total];
        for (int u = 0; u < n; u++) {
            int from = offsets[u];
            int to = newOffsets[u];
            int len = newOffsets[u + 1] - to;
            System.arraycopy(items, from, newItems, to, len);
            System.arraycopy(timestamps, from, newTimestamps, to, len);
            System.arraycopy(actionTypes, from, newTypes, to, len);
            System.arraycopy(surfaces, from, newSurfaces, to, len);
            System.arraycopy(durations, from, newDurations, to, len);
        }
        return new Timelines(userIds.clone(), newOffsets, newItems, newTimestamps, newTypes, newSurfaces, newDurations,
                actionTypeVocabulary, surfaceVocabulary, positiveTypes);
    }
}
