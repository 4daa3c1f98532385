package org.pinnerformer.core.features;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.pinnerformer.api.InferenceBatch;
import org.pinnerformer.core.data.Timelines;

/**
 * Inference inputs: each user's last {@code M} actions, either up to the newest action of the timeline or up
 * to a time cut (only actions with a timestamp {@code <= cut}: what a daily job run at {@code cut} would see).
 */
public final class InferenceBatches {
    private InferenceBatches() {
    }

    /**
     * One batch of the given users (dense user indexes) at their newest action.
     *
     * @throws IllegalArgumentException if {@code users} is empty or a user has no action
     */
    public static InferenceBatch latest(SequenceFeatures features, int[] users) {
        return at(features, users, Double.POSITIVE_INFINITY);
    }

    /**
     * One batch of the given users from their actions at or before {@code cut} (epoch seconds).
     *
     * @throws IllegalArgumentException if {@code users} is empty, {@code cut} is NaN, or a user has no action at
     *     or before {@code cut}
     */
    public static InferenceBatch at(SequenceFeatures features, int[] users, double cut) {
        Objects.requireNonNull(features, "features");
        Objects.requireNonNull(users, "users");
        if (Double.isNaN(cut)) {
            throw new IllegalArgumentException("cut must be a time in epoch seconds, was NaN");
        }
        if (users.length == 0) {
            throw new IllegalArgumentException("users must not be empty");
        }
        Timelines timelines = features.timelines();
        int n = users.length;
        int[] from = new int[n];
        int[] to = new int[n];
        long[] ids = new long[n];
        for (int b = 0; b < n; b++) {
            int u = Objects.checkIndex(users[b], timelines.userCount());
            int end = timelines.firstAfter(u, cut);
            if (end == timelines.start(u)) {
                throw new IllegalArgumentException("user " + timelines.userId(u) + " has no action at or before "
                        + cut);
            }
            to[b] = end;
            from[b] = Math.max(timelines.start(u), end - features.length());
            ids[b] = timelines.userId(u);
        }
        return new InferenceBatch(features.build(n, users.clone(), from, to), ids);
    }

    /**
     * The given users in batches of at most {@code batchSize}, in order, from their actions at or before
     * {@code cut} ({@code Double.POSITIVE_INFINITY} for the newest action).
     *
     * @throws IllegalArgumentException if {@code batchSize} is not positive, or as {@link #at}
     */
    public static List<InferenceBatch> batches(SequenceFeatures features, int[] users, double cut, int batchSize) {
        Objects.requireNonNull(users, "users");
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batchSize must be > 0, was " + batchSize);
        }
        List<InferenceBatch> out = new ArrayList<>();
        for (int i = 0; i < users.length; i += batchSize) {
            int[] part = Arrays.copyOfRange(users, i, Math.min(users.length, i + batchSize));
            out.add(at(features, part, cut));
        }
        return out;
    }

    /** The dense indexes of the users with at least one action at or before {@code cut}. */
    public static int[] usersActiveBy(Timelines timelines, double cut) {
        Objects.requireNonNull(timelines, "timelines");
        int[] out = new int[timelines.userCount()];
        int n = 0;
        for (int u = 0; u < timelines.userCount(); u++) {
            if (timelines.firstAfter(u, cut) > timelines.start(u)) {
                out[n++] = u;
            }
        }
        return Arrays.copyOf(out, n);
    }
}
