package org.pinnerformer.api;

import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.util.Objects;

/**
 * One training step's inputs: {@code B} sequences, {@code P} (position, positive) pairs drawn by an
 * objective sampler, and {@code R} uniform negatives. Arrays are flat and row-major; the batch owns them.
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
 *   <tr><td>{@code candidateMask}</td><td>[P, P]</td><td>1 where pair {@code q}'s positive is a candidate for pair
 *       {@code p}: always on the diagonal; 0 where {@code q != p} belongs to the same user, or has the same
 *       item as {@code p}'s positive</td></tr>
 *   <tr><td>{@code negatives}</td><td>[R] items</td><td>uniform negatives from the catalogue</td></tr>
 *   <tr><td>{@code negativeLogQ}</td><td>[R]</td><td>{@code log(R / N)} for a catalogue of N items (0 when
 *       logQ correction is off)</td></tr>
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
    private final float[] candidateMask;
    private final ItemBatch negatives;
    private final float[] negativeLogQ;

    /**
     * Creates a batch that owns the given arrays.
     *
     * @throws IllegalArgumentException if a length does not match the layout, a pair points at a padded
     *     or out-of-range position, a float is not finite or a mask value is not 0 or 1
     */
    public TrainingBatch(SequenceBatch sequences, int[] pairPosition, int[] pairUser, float[] pairWeight,
            ItemBatch positives, float[] positiveLogQ, float[] candidateMask, ItemBatch negatives,
            float[] negativeLogQ) {
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
        this.candidateMask = Checks.mask("candidateMask", candidateMask, Math.multiplyExact(p, p));
        this.negativeLogQ = Checks.finite("negativeLogQ", negativeLogQ, negatives.count());
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
            if (candidateMask[i * p + i] != 1f) {
                throw new IllegalArgumentException("candidateMask must be 1 on the diagonal, was 0 at " + i);
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

    /** Which in-batch positives are candidates for which pair, [P, P]. */
    public FloatBuffer candidateMask() {
        return SequenceBatch.ro(candidateMask);
    }

    /** The uniform negatives, [R]. */
    public ItemBatch negatives() {
        return negatives;
    }

    /** {@code log Q} of the uniform negatives, [R]. */
    public FloatBuffer negativeLogQ() {
        return SequenceBatch.ro(negativeLogQ);
    }
}
