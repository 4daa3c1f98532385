package org.pinnerformer.core.sampling;

import java.util.random.RandomGenerator;
import org.pinnerformer.api.objective.NextAction;
import org.pinnerformer.api.objective.Objective;
import org.pinnerformer.core.data.Timelines;

/**
 * Next action: the input ends at a uniformly random point {@code e} of the timeline that is followed by a
 * positive action ({@code e} in {@code (start, lastPositive]}); the newest input action {@code e - 1} predicts the
 * first positive action at index {@code >= e}, i.e. the first positive after the input.
 */
public final class NextActionSampler implements ObjectiveSampler {
    private final PositiveIndex index;
    private final Timelines timelines;
    private final int maxLength;

    NextActionSampler(PositiveIndex index, int maxLength) {
        this.index = index;
        this.timelines = index.timelines();
        this.maxLength = maxLength;
    }

    @Override
    public Objective objective() {
        return new NextAction();
    }

    @Override
    public int maxLength() {
        return maxLength;
    }

    @Override
    public int maxPairsPerSequence() {
        return 1;
    }

    @Override
    public boolean hasExample(int user) {
        return index.lastPositive(user) > timelines.start(user);
    }

    @Override
    public boolean sample(int user, RandomGenerator random, SampleBuffer out) {
        int start = timelines.start(user);
        int e = index.endBeforePositive(user, random);
        if (e < 0) {
            out.reset(user, start, start + 1);
            return false;
        }
        out.reset(user, Math.max(start, e - maxLength), e);
        out.add(e - 1, index.next(e, timelines.end(user)));
        return true;
    }
}
