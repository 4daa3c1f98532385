package org.pinnerformer.core.sampling;

import java.util.random.RandomGenerator;
import org.pinnerformer.api.objective.Objective;
import org.pinnerformer.api.objective.SasRec;
import org.pinnerformer.core.data.Timelines;

/**
 * SASRec: the input ends at a uniformly random point {@code e} followed by a positive action (as for
 * {@link NextActionSampler}); EVERY input action {@code i} predicts the first positive action strictly later in
 * time than {@code i} (never one sharing its timestamp), which may lie inside the input (causal attention keeps it
 * unseen) or after it. Because the newest input action has a label, every input action has one: a sequence has
 * as many pairs as actions.
 */
public final class SasRecSampler implements ObjectiveSampler {
    private final PositiveIndex index;
    private final Timelines timelines;
    private final int maxLength;

    SasRecSampler(PositiveIndex index, int maxLength) {
        this.index = index;
        this.timelines = index.timelines();
        this.maxLength = maxLength;
    }

    @Override
    public Objective objective() {
        return new SasRec();
    }

    @Override
    public int maxLength() {
        return maxLength;
    }

    @Override
    public int maxPairsPerSequence() {
        return maxLength;
    }

    @Override
    public boolean hasExample(int user) {
        return index.lastPositiveTimeStart(user) > timelines.start(user);
    }

    @Override
    public boolean sample(int user, RandomGenerator random, SampleBuffer out) {
        int start = timelines.start(user);
        int e = index.endBeforePositive(user, random);
        if (e < 0) {
            out.reset(user, start, start + 1);
            return false;
        }
        int from = Math.max(start, e - maxLength);
        out.reset(user, from, e);
        for (int i = from; i < e; i++) {
            out.add(i, index.nextLater(user, i));
        }
        return true;
    }
}
