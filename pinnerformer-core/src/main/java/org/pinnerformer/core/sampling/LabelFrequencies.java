package org.pinnerformer.core.sampling;

import java.util.Objects;
import java.util.SplittableRandom;
import org.pinnerformer.core.data.Timelines;

/**
 * How often the objective sampler emits each catalogue item as a label: the distribution that in-batch
 * candidates are really drawn from, for the positives' {@code log Q} (DESIGN.md section 4).
 *
 * <p>The timeline's positive counts are the wrong distribution: the samplers cap what one sequence contributes
 * (one label for next action, one per input action for SASRec, at most {@code maxLabels} or
 * {@code anchorsPerSequence} for the windowed objectives), so an item that one user saves a hundred times is
 * emitted far less often than its share of the timelines says. This class precomputes the sampler's own label
 * distribution by running it: {@code passes} times over every training user, one sampled sequence each (an
 * epoch visits every user once, so a pass has exactly an epoch's weighting of users), counting every label
 * emitted. The estimate is fixed before training, so a batch's {@code log Q} does not depend on the batches
 * drawn before it (unlike a streaming estimate) and equal seeds give equal batches. The number of passes is
 * chosen to collect at least {@link #TARGET_LABELS} labels, between {@link #MIN_PASSES} and
 * {@link #MAX_PASSES}.
 */
public final class LabelFrequencies {
    /** The number of labels the precomputation aims to collect. */
    public static final long TARGET_LABELS = 1_000_000;
    /** The fewest passes over the users. */
    public static final int MIN_PASSES = 4;
    /** The most passes over the users. */
    public static final int MAX_PASSES = 256;

    private final long[] counts;
    private final long total;
    private final int passes;

    private LabelFrequencies(long[] counts, long total, int passes) {
        this.counts = counts;
        this.total = total;
        this.passes = passes;
    }

    /**
     * Runs {@code sampler} over {@code users} (dense indexes of {@code timelines}, each with a training example) until about {@link #TARGET_LABELS}
     * labels are counted, from a generator seeded by {@code seed}.
     *
     * @throws IllegalArgumentException if {@code users} is empty or a user has no training example
     */
    public static LabelFrequencies of(ObjectiveSampler sampler, Timelines timelines, int[] users, int catalogueSize,
            long seed) {
        Objects.requireNonNull(sampler, "sampler");
        Objects.requireNonNull(timelines, "timelines");
        Objects.requireNonNull(users, "users");
        if (users.length == 0) {
            throw new IllegalArgumentException("users must not be empty");
        }
        long[] counts = new long[catalogueSize];
        SplittableRandom random = new SplittableRandom(seed);
        SampleBuffer buffer = new SampleBuffer();
        long total = 0;
        int pass = 0;
        while (pass < MIN_PASSES || (pass < MAX_PASSES && total < TARGET_LABELS)) {
            for (int u : users) {
                if (!sampler.sample(u, random, buffer)) {
                    throw new IllegalArgumentException("user " + timelines.userId(u) + " has no training example for "
                            + sampler.objective().name());
                }
                for (int k = 0; k < buffer.pairCount(); k++) {
                    counts[timelines.item(buffer.labelAt(k))]++;
                }
                total += buffer.pairCount();
            }
            pass++;
        }
        return new LabelFrequencies(counts, total, pass);
    }

    /**
     * The probability that one emitted label is catalogue item {@code item}; an item never seen in the
     * precomputation counts as seen once (it can still be drawn, just rarely).
     */
    public double probability(int item) {
        return Math.max(1, counts[item]) / (double) total;
    }

    /** The labels counted. */
    public long total() {
        return total;
    }

    /** The passes over the users that the precomputation made. */
    public int passes() {
        return passes;
    }
}
