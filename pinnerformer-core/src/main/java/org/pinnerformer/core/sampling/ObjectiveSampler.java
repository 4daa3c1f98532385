package org.pinnerformer.core.sampling;

import java.util.Objects;
import java.util.random.RandomGenerator;
import org.pinnerformer.api.objective.AllAction;
import org.pinnerformer.api.objective.DenseAllAction;
import org.pinnerformer.api.objective.NextAction;
import org.pinnerformer.api.objective.Objective;
import org.pinnerformer.api.objective.SasRec;
import org.pinnerformer.core.data.Timelines;

/**
 * Draws training sequences for one {@link Objective} (DESIGN.md section 4): an input end point from the user's
 * timeline, the input window (the last {@code M} actions before it), and (anchor, label) pairs in which the
 * label is a positive action ({@link Timelines#isPositive(int)}) that comes strictly after its anchor, so no
 * input position is ever labelled with itself or with anything at or before it.
 *
 * <ul>
 *   <li>{@link NextActionSampler}: the newest input action predicts the first positive after the input;</li>
 *   <li>{@link SasRecSampler}: every input action predicts the first positive after it;</li>
 *   <li>{@link AllActionSampler}: the newest input action predicts up to {@code maxLabels} positives in
 *       {@code (t_end, t_end + K days]};</li>
 *   <li>{@link DenseAllActionSampler}: random input actions predict one random positive each from
 *       {@code (t_anchor, t_anchor + K days]}; the window may reach past the input's end.</li>
 * </ul>
 *
 * <p>Samplers are stateless apart from their immutable indexes: all randomness comes from the
 * {@link RandomGenerator} passed in, so equal seeds give equal samples.
 */
public sealed interface ObjectiveSampler
        permits NextActionSampler, SasRecSampler, AllActionSampler, DenseAllActionSampler {

    /**
     * The sampler of {@code objective} over {@code timelines}, for inputs of at most {@code maxLength} actions.
     *
     * @throws IllegalArgumentException if {@code maxLength} is not positive
     */
    static ObjectiveSampler of(Objective objective, Timelines timelines, int maxLength) {
        Objects.requireNonNull(objective, "objective");
        Objects.requireNonNull(timelines, "timelines");
        if (maxLength <= 0) {
            throw new IllegalArgumentException("maxLength must be > 0, was " + maxLength);
        }
        PositiveIndex index = new PositiveIndex(timelines);
        if (objective instanceof NextAction) {
            return new NextActionSampler(index, maxLength);
        } else if (objective instanceof SasRec) {
            return new SasRecSampler(index, maxLength);
        } else if (objective instanceof AllAction a) {
            return new AllActionSampler(index, maxLength, a);
        } else {
            return new DenseAllActionSampler(index, maxLength, (DenseAllAction) objective);
        }
    }

    /** The objective this sampler draws for. */
    Objective objective();

    /** M, the most input actions per sequence. */
    int maxLength();

    /** The most pairs one sequence can have. */
    int maxPairsPerSequence();

    /** Whether user {@code user} has at least one training example for this objective. */
    boolean hasExample(int user);

    /**
     * Draws one sequence of {@code user} into {@code out}.
     *
     * @return false (leaving {@code out} with no pairs) when the user has no training example
     */
    boolean sample(int user, RandomGenerator random, SampleBuffer out);
}
