package org.pinnerformer.core.sampling;

import java.util.random.RandomGenerator;
import org.pinnerformer.api.objective.DenseAllAction;
import org.pinnerformer.api.objective.Objective;
import org.pinnerformer.core.data.Timelines;

/**
 * Dense all action, the paper's default: the input ends at a uniformly random point of the timeline; among the
 * input actions whose window {@code (t_i, t_i + K days]} holds a positive action, up to
 * {@code anchorsPerSequence} are drawn uniformly without replacement as anchors, and each predicts one positive
 * drawn uniformly from its window. The window is taken over the whole timeline, so it may reach past the input's
 * end (and labels may be input actions that come later than the anchor). An end point whose input has no such
 * action is redrawn; after 32 misses a random action with a labelled window ends the input.
 */
public final class DenseAllActionSampler implements ObjectiveSampler {
    private static final int TRIES = 32;

    private final PositiveIndex index;
    private final Timelines timelines;
    private final int maxLength;
    private final DenseAllAction objective;
    private final double windowSeconds;
    private final int[] eligible;
    private final int[] first;

    DenseAllActionSampler(PositiveIndex index, int maxLength, DenseAllAction objective) {
        this.index = index;
        this.timelines = index.timelines();
        this.maxLength = maxLength;
        this.objective = objective;
        this.windowSeconds = objective.windowDays() * 86_400.0;
        this.eligible = new int[maxLength];
        this.first = new int[maxLength];
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
        return Math.min(maxLength, objective.anchorsPerSequence());
    }

    @Override
    public boolean hasExample(int user) {
        return index.anyWindowLabel(user, windowSeconds);
    }

    /** Not thread-safe: uses scratch arrays; create one sampler per thread. */
    @Override
    public boolean sample(int user, RandomGenerator random, SampleBuffer out) {
        int start = timelines.start(user);
        int n = timelines.end(user) - start;
        for (int k = 0; k < TRIES; k++) {
            int e = start + 1 + random.nextInt(n);
            if (fill(user, Math.max(start, e - maxLength), e, random, out)) {
                return true;
            }
        }
        int anchor = index.anchorWithWindowLabel(user, windowSeconds, random, 0);
        if (anchor < 0) {
            out.reset(user, start, start + 1);
            return false;
        }
        return fill(user, Math.max(start, anchor + 1 - maxLength), anchor + 1, random, out);
    }

    private boolean fill(int user, int from, int to, RandomGenerator random, SampleBuffer out) {
        out.reset(user, from, to);
        int n = 0;
        for (int i = from; i < to; i++) {
            int j = index.firstInWindow(user, i, windowSeconds);
            if (j >= 0) {
                eligible[n] = i;
                first[n] = j;
                n++;
            }
        }
        if (n == 0) {
            return false;
        }
        int k = Math.min(n, objective.anchorsPerSequence());
        for (int a = 0; a < k; a++) {
            // Partial Fisher-Yates: slot a gets a uniform pick among the remaining eligible actions.
            int r = a + random.nextInt(n - a);
            int anchor = eligible[r];
            int lo = first[r];
            eligible[r] = eligible[a];
            first[r] = first[a];
            eligible[a] = anchor;
            first[a] = lo;
            int hi = timelines.firstAfter(user, timelines.timestamp(anchor) + windowSeconds);
            int count = index.count(lo, hi);
            out.add(anchor, count == 1 ? lo : index.select(lo, random.nextInt(count)));
        }
        return true;
    }
}
