package org.pinnerformer.core.sampling;

import java.util.Objects;
import org.pinnerformer.core.data.Timelines;

/**
 * Where the positive actions of {@link Timelines} are, for constant-time label lookups: for every action the
 * next positive action of the same user at or after it, and prefix counts of positives, so that the positives
 * of an index range can be counted and the {@code r}-th one found by binary search. Costs 8 bytes an action.
 */
final class PositiveIndex {
    private final Timelines timelines;
    private final int[] next;
    private final int[] prefix;

    PositiveIndex(Timelines timelines) {
        this.timelines = Objects.requireNonNull(timelines, "timelines");
        int n = timelines.actionCount();
        next = new int[n];
        prefix = new int[n + 1];
        for (int i = 0; i < n; i++) {
            prefix[i + 1] = prefix[i] + (timelines.isPositive(i) ? 1 : 0);
        }
        for (int u = 0; u < timelines.userCount(); u++) {
            int nextPositive = timelines.end(u);
            for (int i = timelines.end(u) - 1; i >= timelines.start(u); i--) {
                if (timelines.isPositive(i)) {
                    nextPositive = i;
                }
                next[i] = nextPositive;
            }
        }
    }

    Timelines timelines() {
        return timelines;
    }

    /** The first positive action of the same user at index {@code >= i}, or {@code userEnd} when none. */
    int next(int i, int userEnd) {
        return i < userEnd ? next[i] : userEnd;
    }

    /** The number of positive actions with index in {@code [from, to)}. */
    int count(int from, int to) {
        return to > from ? prefix[to] - prefix[from] : 0;
    }

    /** The {@code r}-th (from 0) positive action at index {@code >= from}; it must exist. */
    int select(int from, int r) {
        int target = prefix[from] + r + 1;
        int lo = from;
        int hi = prefix.length - 2;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (prefix[mid + 1] >= target) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    /** The last positive action of user {@code u}, or -1 when the user has none. */
    /**
     * A uniformly random input end {@code e} of user {@code u} whose newest input action {@code e - 1} is
     * followed by a positive action strictly later in time: {@code e} in {@code (start, L]}, with {@code L} the
     * first action sharing the last positive's timestamp, so the input {@code [.., e)} is not empty and a positive
     * lies strictly after {@code t(e - 1)} (and so after every input action); -1 when the user has none (the
     * next-action and SASRec end points). Labels strictly later than their anchor: the rule of evaluation, where
     * actions sharing the cut's timestamp are history.
     */
    int endBeforePositive(int u, java.util.random.RandomGenerator random) {
        int start = timelines.start(u);
        int limit = lastPositiveTimeStart(u);
        return limit <= start ? -1 : start + 1 + random.nextInt(limit - start);
    }

    /**
     * The first action of user {@code u} that shares the timestamp of its last positive action (so every earlier
     * action has a positive strictly after it), or -1 when the user has no positive.
     */
    int lastPositiveTimeStart(int u) {
        int last = lastPositive(u);
        if (last < 0) {
            return -1;
        }
        double t = timelines.timestamp(last);
        int i = last;
        while (i > timelines.start(u) && timelines.timestamp(i - 1) == t) {
            i--;
        }
        return i;
    }

    /** The first positive action of user {@code u} strictly later in time than action {@code i}; it must exist. */
    int nextLater(int u, int i) {
        return next(timelines.firstAfter(u, timelines.timestamp(i)), timelines.end(u));
    }

    int lastPositive(int u) {
        int c = count(timelines.start(u), timelines.end(u));
        return c == 0 ? -1 : select(timelines.start(u), c - 1);
    }

    /**
     * The first positive action strictly after action {@code i}'s time and at most {@code windowSeconds} after
     * it (the window {@code (t_i, t_i + K]}), or -1 when the window holds no positive.
     */
    int firstInWindow(int u, int i, double windowSeconds) {
        int end = timelines.end(u);
        double t = timelines.timestamp(i);
        int j = next(timelines.firstAfter(u, t), end);
        return j < end && timelines.timestamp(j) <= t + windowSeconds ? j : -1;
    }

    /** Whether any action of user {@code u} has a positive in its window {@code (t_i, t_i + K]}. */
    boolean anyWindowLabel(int u, double windowSeconds) {
        for (int i = timelines.start(u); i < timelines.end(u) - 1; i++) {
            if (firstInWindow(u, i, windowSeconds) >= 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * A uniformly random action of user {@code u} whose window {@code (t_i, t_i + K]} holds a positive, by
     * rejection; after {@code tries} misses, the first such action at or after a random offset (cyclically).
     * Returns -1 when the user has none.
     */
    int anchorWithWindowLabel(int u, double windowSeconds, java.util.random.RandomGenerator random, int tries) {
        int start = timelines.start(u);
        int n = timelines.end(u) - start;
        if (n < 2) {
            return -1;
        }
        for (int k = 0; k < tries; k++) {
            int i = start + random.nextInt(n - 1);
            if (firstInWindow(u, i, windowSeconds) >= 0) {
                return i;
            }
        }
        int offset = random.nextInt(n - 1);
        for (int k = 0; k < n - 1; k++) {
            int i = start + (offset + k) % (n - 1);
            if (firstInWindow(u, i, windowSeconds) >= 0) {
                return i;
            }
        }
        return -1;
    }
}
