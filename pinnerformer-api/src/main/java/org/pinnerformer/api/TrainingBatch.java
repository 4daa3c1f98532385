package org.pinnerformer.api;

import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.util.Objects;

/**
 * One training step's inputs: {@code B} sequences, {@code P} (position, positive) pairs drawn by an
 * objective sampler, and {@code R} uniform negatives. Arrays are flat and row-major; the batch owns them.
 *
 * <p>Which candidates a pair sees is said per sequence, not per pair: every pair of sequence {@code b} has the
 * same candidates (a candidate is never one of {@code b}'s own labels, so it does not depend on which of them
 * the pair predicts), and its own positive is always in its softmax (the loss graph adds it separately). This
 * keeps the masks at {@code B x (P + R)} values where a pair-by-pair mask would need {@code P x (P + R)}.
 *
 * <table>
 *   <caption>Pair and negative layout</caption>
 *   <tr><th>array</th><th>shape</th><th>meaning</th></tr>
 *   <tr><td>{@code pairPosition}</td><td>[P]</td><td>flat index {@code b * T + t} of the predicting position; it
 *       is a valid position</td></tr>
 *   <tr><td>{@code pairUser}</td><td>[P]</td><td>the sequence row {@code b} of the pair</td></tr>
 *   <tr><td>{@code pairWeight}</td><td>[P]</td><td>weight of the pair in the loss; every user's pairs sum to
 *       {@code 1 / (number of users with a pair)}, so the weights sum to 1 and every user weighs the
 *       same</td></tr>
 *   <tr><td>{@code positives}</td><td>[P] items</td><td>the positive item of each pair (vector and bucket)</td></tr>
 *   <tr><td>{@code positiveLogQ}</td><td>[P]</td><td>{@code log Q} of each positive as an in-batch candidate
 *       (0 when logQ correction is off)</td></tr>
 *   <tr><td>{@code positiveCandidates}</td><td>[B, P]</td><td>1 where pair {@code q}'s positive is an in-batch
 *       candidate for the pairs of sequence {@code b}; 0 for {@code b}'s own pairs (checked), and for any pair
 *       whose item is one of {@code b}'s labels in this batch</td></tr>
 *   <tr><td>{@code negatives}</td><td>[R] items</td><td>uniform negatives from the catalogue</td></tr>
 *   <tr><td>{@code negativeLogQ}</td><td>[R]</td><td>{@code log(R / N)} for a catalogue of N items (0 when
 *       logQ correction is off)</td></tr>
 *   <tr><td>{@code negativeCandidates}</td><td>[B, R]</td><td>1 where uniform negative {@code r} is a candidate
 *       for the pairs of sequence {@code b}; 0 where its item is one of {@code b}'s labels in this batch (an
 *       accidental hit)</td></tr>
 * </table>
 */
public final class TrainingBatch {
    private final SequenceBatch sequences;
    private final int pairCount;
    private final int[] pairPosition;
    private final int[] pairUser;
    private final float[] pairWeight;
    private final ItemBatch positives;
    private final float[] positiveLogQ;
    private final float[] positiveCandidates;
    private final ItemBatch negatives;
    private final float[] negativeLogQ;
    private final float[] negativeCandidates;

    /**
     * Creates a batch that owns the given arrays.
     *
     * @throws IllegalArgumentException if a length does not match the layout, a pair points at a padded
     *     or out-of-range position, a float is not finite, a mask value is not 0 or 1, or a pair is a candidate
     *     for its own sequence
     */
    public TrainingBatch(SequenceBatch sequences, int[] pairPosition, int[] pairUser, float[] pairWeight,
            ItemBatch positives, float[] positiveLogQ, float[] positiveCandidates, ItemBatch negatives,
            float[] negativeLogQ, float[] negativeCandidates) {
        this.sequences = Objects.requireNonNull(sequences, "sequences");
        this.positives = Objects.requireNonNull(positives, "positives");
        this.negatives = Objects.requireNonNull(negatives, "negatives");
        int p = positives.count();
        Checks.positive("pair count", p);
        this.pairCount = p;
        this.pairPosition = Checks.indices("pairPosition", pairPosition, p);
        this.pairUser = Checks.indices("pairUser", pairUser, p);
        this.pairWeight = Checks.finite("pairWeight", pairWeight, p);
        this.positiveLogQ = Checks.finite("positiveLogQ", positiveLogQ, p);
        int b = sequences.batchSize();
        this.positiveCandidates = Checks.mask("positiveCandidates", positiveCandidates, Math.multiplyExact(b, p));
        this.negativeLogQ = Checks.finite("negativeLogQ", negativeLogQ, negatives.count());
        this.negativeCandidates = Checks.mask("negativeCandidates", negativeCandidates,
                Math.multiplyExact(b, negatives.count()));
        if (positives.itemVectorSize() != sequences.itemVectorSize()
                || negatives.itemVectorSize() != sequences.itemVectorSize()) {
            throw new IllegalArgumentException("positives and negatives must have item vector size "
                    + sequences.itemVectorSize() + ", had " + positives.itemVectorSize() + " and "
                    + negatives.itemVectorSize());
        }
        int t = sequences.length();
        FloatBuffer valid = sequences.validMask();
        for (int i = 0; i < p; i++) {
            if (pairUser[i] >= sequences.batchSize()) {
                throw new IllegalArgumentException("pairUser[" + i + "] must be < batchSize "
                        + sequences.batchSize() + ", was " + pairUser[i]);
            }
            if (pairPosition[i] / t != pairUser[i] || pairPosition[i] >= sequences.batchSize() * t) {
                throw new IllegalArgumentException("pairPosition[" + i + "] = " + pairPosition[i]
                        + " is not a position of sequence " + pairUser[i]);
            }
            if (valid.get(pairPosition[i]) == 0f) {
                throw new IllegalArgumentException("pairPosition[" + i + "] = " + pairPosition[i]
                        + " points at a padded position");
            }
            if (positiveCandidates[pairUser[i] * p + i] != 0f) {
                throw new IllegalArgumentException("positiveCandidates[" + pairUser[i] + ", " + i
                        + "] must be 0: pair " + i + " belongs to sequence " + pairUser[i]);
            }
        }
    }

    /** The sequences. */
    public SequenceBatch sequences() {
        return sequences;
    }

    /** P, the number of pairs. */
    public int pairCount() {
        return pairCount;
    }

    /** Flat predicting positions, [P]. */
    public IntBuffer pairPosition() {
        return SequenceBatch.ro(pairPosition);
    }

    /** Sequence rows of the pairs, [P]. */
    public IntBuffer pairUser() {
        return SequenceBatch.ro(pairUser);
    }

    /** Loss weights of the pairs, [P]. */
    public FloatBuffer pairWeight() {
        return SequenceBatch.ro(pairWeight);
    }

    /** The positive items, [P]. */
    public ItemBatch positives() {
        return positives;
    }

    /** {@code log Q} of the positives, [P]. */
    public FloatBuffer positiveLogQ() {
        return SequenceBatch.ro(positiveLogQ);
    }

    /** Which in-batch positives are candidates for the pairs of which sequence, [B, P]. */
    public FloatBuffer positiveCandidates() {
        return SequenceBatch.ro(positiveCandidates);
    }

    /** The uniform negatives, [R]. */
    public ItemBatch negatives() {
        return negatives;
    }

    /** {@code log Q} of the uniform negatives, [R]. */
    public FloatBuffer negativeLogQ() {
        return SequenceBatch.ro(negativeLogQ);
    }

    /** Which uniform negatives are candidates for the pairs of which sequence, [B, R]. */
    public FloatBuffer negativeCandidates() {
        return SequenceBatch.ro(negativeCandidates);
    }
}
