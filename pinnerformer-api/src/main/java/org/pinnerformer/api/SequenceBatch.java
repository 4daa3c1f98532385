package org.pinnerformer.api;

import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.util.Objects;

/**
 * The model inputs for {@code B} action sequences of common length {@code T}, as flat row-major
 * primitive arrays. Sequences are ordered oldest to newest with the newest action LAST and are padded on
 * the LEFT, so position {@code T - 1} is every sequence's newest action and a padded position has
 * {@code validMask == 0}.
 *
 * <table>
 *   <caption>Layout (index {@code i = b * T + t})</caption>
 *   <tr><th>array</th><th>shape</th><th>meaning</th></tr>
 *   <tr><td>{@code itemVectors}</td><td>[B, T, F]</td><td>frozen item content vectors (0 when padded)</td></tr>
 *   <tr><td>{@code itemBuckets}</td><td>[B, T]</td><td>item-id hash bucket in {@code [0, buckets)}
 *       (all 0 when the item-id embedding is off)</td></tr>
 *   <tr><td>{@code actionTypes}</td><td>[B, T]</td><td>action-type embedding row ({@link Vocabulary#embeddingRow},
 *       0 = padding)</td></tr>
 *   <tr><td>{@code surfaces}</td><td>[B, T]</td><td>surface embedding row (0 = padding)</td></tr>
 *   <tr><td>{@code durationLog1p}</td><td>[B, T]</td><td>{@code log1p(duration seconds)}</td></tr>
 *   <tr><td>{@code timeAngles}</td><td>[B, T, A]</td><td>{@code theta = 2 pi (v mod p) / p} in radians, computed
 *       in double precision: first one per absolute period (v = timestamp), then one per relative period
 *       for v = time since the sequence's newest action, then one per relative period for v = gap to the
 *       previous action; {@code A = }{@link ModelSpec#timeAngleCount()}</td></tr>
 *   <tr><td>{@code timeLog1p}</td><td>[B, T, 3]</td><td>{@code log1p} of the three time values, in the order
 *       above</td></tr>
 *   <tr><td>{@code validMask}</td><td>[B, T]</td><td>1 for a real action, 0 for padding</td></tr>
 * </table>
 *
 * <p>The batch takes ownership of the arrays given to its constructor (callers must not modify them
 * afterwards) and hands out read-only views, so building a batch copies nothing. Every float must be
 * finite: the constructor refuses NaN and infinities so that they never reach a model.
 */
public final class SequenceBatch {
    private final int batchSize;
    private final int length;
    private final int itemVectorSize;
    private final int timeAngleCount;
    private final float[] itemVectors;
    private final int[] itemBuckets;
    private final int[] actionTypes;
    private final int[] surfaces;
    private final float[] durationLog1p;
    private final float[] timeAngles;
    private final float[] timeLog1p;
    private final float[] validMask;

    /**
     * Creates a batch that owns the given arrays.
     *
     * @throws IllegalArgumentException if a size is not positive, an array's length does not match the
     *     layout, a float is not finite, a mask value is not 0 or 1, or an index is negative
     */
    public SequenceBatch(int batchSize, int length, int itemVectorSize, int timeAngleCount, float[] itemVectors,
            int[] itemBuckets, int[] actionTypes, int[] surfaces, float[] durationLog1p, float[] timeAngles,
            float[] timeLog1p, float[] validMask) {
        Checks.positive("batchSize", batchSize);
        Checks.positive("length", length);
        Checks.positive("itemVectorSize", itemVectorSize);
        Checks.nonNegative("timeAngleCount", timeAngleCount);
        int bt = Math.multiplyExact(batchSize, length);
        this.batchSize = batchSize;
        this.length = length;
        this.itemVectorSize = itemVectorSize;
        this.timeAngleCount = timeAngleCount;
        this.itemVectors = Checks.finite("itemVectors", itemVectors, Math.multiplyExact(bt, itemVectorSize));
        this.itemBuckets = Checks.indices("itemBuckets", itemBuckets, bt);
        this.actionTypes = Checks.indices("actionTypes", actionTypes, bt);
        this.surfaces = Checks.indices("surfaces", surfaces, bt);
        this.durationLog1p = Checks.finite("durationLog1p", durationLog1p, bt);
        this.timeAngles = Checks.finite("timeAngles", timeAngles, Math.multiplyExact(bt, timeAngleCount));
        this.timeLog1p = Checks.finite("timeLog1p", timeLog1p, Math.multiplyExact(bt, 3));
        this.validMask = Checks.mask("validMask", validMask, bt);
    }

    /** B, the number of sequences. */
    public int batchSize() {
        return batchSize;
    }

    /** T, the padded sequence length. */
    public int length() {
        return length;
    }

    /** F, the item vector size. */
    public int itemVectorSize() {
        return itemVectorSize;
    }

    /** A, the number of time angles per action. */
    public int timeAngleCount() {
        return timeAngleCount;
    }

    /** Item vectors, [B, T, F]. */
    public FloatBuffer itemVectors() {
        return ro(itemVectors);
    }

    /** Item-id hash buckets, [B, T]. */
    public IntBuffer itemBuckets() {
        return ro(itemBuckets);
    }

    /** Action-type embedding rows, [B, T]. */
    public IntBuffer actionTypes() {
        return ro(actionTypes);
    }

    /** Surface embedding rows, [B, T]. */
    public IntBuffer surfaces() {
        return ro(surfaces);
    }

    /** {@code log1p(duration)}, [B, T]. */
    public FloatBuffer durationLog1p() {
        return ro(durationLog1p);
    }

    /** Time angles in radians, [B, T, A]. */
    public FloatBuffer timeAngles() {
        return ro(timeAngles);
    }

    /** {@code log1p} of the three time values, [B, T, 3]. */
    public FloatBuffer timeLog1p() {
        return ro(timeLog1p);
    }

    /** 1 for real actions, 0 for padding, [B, T]. */
    public FloatBuffer validMask() {
        return ro(validMask);
    }

    /** The number of real (unpadded) actions of sequence {@code b}. */
    public int validLength(int b) {
        Objects.checkIndex(b, batchSize);
        int n = 0;
        for (int t = 0; t < length; t++) {
            if (validMask[b * length + t] != 0f) {
                n++;
            }
        }
        return n;
    }

    static FloatBuffer ro(float[] a) {
        return FloatBuffer.wrap(a).asReadOnlyBuffer();
    }

    static IntBuffer ro(int[] a) {
        return IntBuffer.wrap(a).asReadOnlyBuffer();
    }
}
