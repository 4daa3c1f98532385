package org.pinnerformer.core.sampling;

import java.util.random.RandomGenerator;
import org.pinnerformer.api.objective.AllAction;
import org.pinnerformer.api.objective.Objective;
import org.pinnerformer.core.data.Timelines;

/**
 * All action: the input ends after a uniformly random action {@code e - 1} whose window
 * {@code (t_{e-1}, t_{e-1} + K days]} holds a positive action; that newest input action predicts every positive
 * of the window, or {@code maxLabels} of them drawn uniformly without replacement when there are more (Floyd's
 * algorithm, labels kept in time order).
 */
public final class AllActionSampler implements ObjectiveSampler {
    private static final int TRIES = 32;

    private final PositiveIndex index;
    private final Timelines timelines;
    private final int maxLength;
    private final AllAction objective;
    private final double windowSeconds;
    private final int[] ranks;

    AllActionSampler(PositiveIndex index, int maxLength, AllAction objective) {
        this.index = index;
        this.timelines = index.timelines();
        this.maxLength = maxLength;
        this.objective = objective;
        this.windowSeconds = objective.windowDays() * 86_400.0;
        this.ranks = new int[objective.maxLabels()];
    }

    @Override
    public Objective objective() {
        return objective;
    }

    @Override
    public int maxLength() {
        return maxLength;
    }

    @Override
    public int maxPairsPerSequence() {
        return objective.maxLabels();
    }

    @Override
    public boolean hasExample(int user) {
        return index.anyWindowLabel(user, windowSeconds);
    }

    /** Not thread-safe: uses a scratch array; create one sampler per thread. */
    @Override
    public boolean sample(int user, RandomGenerator random, SampleBuffer out) {
        int start = timelines.start(user);
        int anchor = index.anchorWithWindowLabel(user, windowSeconds, random, TRIES);
        if (anchor < 0) {
            out.reset(user, start, start + 1);
            return false;
        }
        int e = anchor + 1;
        out.reset(user, Math.max(start, e - maxLength), e);
        double t = timelines.timestamp(anchor);
        int lo = index.firstInWindow(user, anchor, windowSeconds);
        int hi = timelines.firstAfter(user, t + windowSeconds);
        int count = index.count(lo, hi);
        int k = Math.min(count, ranks.length);
        if (k == count) {
            for (int r = 0; r < count; r++) {
                out.add(anchor, index.select(lo, r));
            }
            return true;
        }
        // Floyd: k distinct ranks out of [0, count), each subset equally likely.
        int n = 0;
        for (int j = count - k; j < count; j++) {
            int r = random.nextInt(j + 1);
            int pick = contains(ranks, n, r) ? j : r;
            ranks[n++] = pick;
        }
        java.util.Arrays.sort(ranks, 0, k);
        for (int i = 0; i < k; i++) {
            out.add(anchor, index.select(lo, ranks[i]));
        }
        return true;
    }

    private static boolean contains(int[] a, int n, int v) {
        for (int i = 0; i < n; i++) {
            if (a[i] == v) {
                return true;
            }
        }
        return false;
    }
}
