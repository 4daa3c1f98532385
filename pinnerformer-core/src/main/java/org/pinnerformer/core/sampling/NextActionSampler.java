package org.pinnerformer.core.sampling;

import java.util.random.RandomGenerator;
import org.pinnerformer.api.objective.NextAction;
import org.pinnerformer.api.objective.Objective;
import org.pinnerformer.core.data.Timelines;

/**
 * Next action: the input ends at a uniformly random point {@code e} of the timeline whose newest input action
 * {@code e - 1} is followed by a positive action strictly later in time; it predicts the first such positive.
 * Actions that share {@code e - 1}'s timestamp are never its label (labels are strictly later than their anchor,
 * as evaluation counts same-timestamp actions as history; DESIGN.md section 4).
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
        out.reset(user, Math.max(start, e - maxLength), e);
        out.add(e - 1, index.nextLater(user, e - 1));
        return true;
    }
}
