package org.pinnerformer.core.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.Set;
import org.pinnerformer.core.data.Timelines;

/**
 * The evaluated users of a protocol: for each candidate user the cut {@code t} and the positive items in
 * {@code (t, t + windowDays * 86400]} (the cut excluded, the window's end included). Users without history at
 * the cut, and users without any positive in the window, are skipped and counted: recall is undefined for them.
 */
public final class EvalExamples {
    /** Seconds in a day. */
    public static final double DAY_SECONDS = 86_400;

    private final List<EvalExample> examples;
    private final int candidates;
    private final int skippedNoHistory;
    private final int skippedNoPositive;
    private final int windowDays;

    private EvalExamples(List<EvalExample> examples, int candidates, int skippedNoHistory, int skippedNoPositive,
            int windowDays) {
        this.examples = List.copyOf(examples);
        this.candidates = candidates;
        this.skippedNoHistory = skippedNoHistory;
        this.skippedNoPositive = skippedNoPositive;
        this.windowDays = windowDays;
    }

    /**
     * Builds the examples of some users.
     *
     * @param users dense indexes of the candidate users (typically {@link UserSplit#evalUsers()})
     * @param windowDays the window length in days, {@code > 0}
     */
    public static EvalExamples build(Timelines timelines, int[] users, CutPolicy cut, int windowDays) {
        Objects.requireNonNull(timelines, "timelines");
        Objects.requireNonNull(users, "users");
        Objects.requireNonNull(cut, "cut");
        if (windowDays <= 0) {
            throw new IllegalArgumentException("windowDays must be > 0, was " + windowDays);
        }
        List<EvalExample> out = new ArrayList<>();
        int noHistory = 0;
        int noPositive = 0;
        Set<Integer> seen = new HashSet<>();
        for (int u : users) {
            Objects.checkIndex(u, timelines.userCount());
            OptionalDouble c = cut.cut(timelines, u);
            if (c.isEmpty()) {
                noHistory++;
                continue;
            }
            double t = c.getAsDouble();
            double end = t + windowDays * DAY_SECONDS;
            seen.clear();
            int[] items = new int[8];
            double[] times = new double[8];
            int n = 0;
            for (int i = timelines.firstAfter(u, t); i < timelines.end(u) && timelines.timestamp(i) <= end; i++) {
                if (timelines.isPositive(i) && seen.add(timelines.item(i))) {
                    if (n == items.length) {
                        items = Arrays.copyOf(items, n * 2);
                        times = Arrays.copyOf(times, n * 2);
                    }
                    items[n] = timelines.item(i);
                    times[n] = timelines.timestamp(i);
                    n++;
                }
            }
            if (n == 0) {
                noPositive++;
                continue;
            }
            out.add(new EvalExample(u, timelines.userId(u), t, Arrays.copyOf(items, n), Arrays.copyOf(times, n)));
        }
        return new EvalExamples(out, users.length, noHistory, noPositive, windowDays);
    }

    /** The evaluated users, in the order of the candidate users. */
    public List<EvalExample> examples() {
        return examples;
    }

    /** The number of evaluated users. */
    public int size() {
        return examples.size();
    }

    /** The number of candidate users considered. */
    public int candidates() {
        return candidates;
    }

    /** Candidate users skipped because they had no action at or before their cut. */
    public int skippedNoHistory() {
        return skippedNoHistory;
    }

    /** Candidate users skipped because they had no positive action in the window. */
    public int skippedNoPositive() {
        return skippedNoPositive;
    }

    /** The share of candidate users that are evaluated (have history and a positive in the window); 0 if none. */
    public double evaluatedFraction() {
        return candidates == 0 ? 0 : (double) examples.size() / candidates;
    }

    /** The window length in days. */
    public int windowDays() {
        return windowDays;
    }

    /** The total number of positives of all evaluated users. */
    public long positiveCount() {
        long s = 0;
        for (EvalExample e : examples) {
            s += e.positiveCount();
        }
        return s;
    }
}
