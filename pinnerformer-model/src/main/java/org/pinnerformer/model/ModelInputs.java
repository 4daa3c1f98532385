package org.pinnerformer.model;

import java.nio.IntBuffer;
import java.util.ArrayList;
import java.util.List;
import org.pinnerformer.api.ItemBatch;
import org.pinnerformer.api.ModelSpec;
import org.pinnerformer.api.SequenceBatch;
import org.pinnerformer.api.TrainingBatch;

/**
 * The one mapping from batches to the named data inputs of the PinnerFormer graphs, reused by every backend. Each
 * method returns exactly the data inputs the corresponding {@link PinnerFormerGraphs} graph declares for the spec,
 * in declaration order, as zero-copy read-only views of the batch arrays (plus the small position index).
 */
public final class ModelInputs {

    private ModelInputs() {
    }

    /**
     * The inputs of the user towers.
     *
     * @throws IllegalArgumentException if the batch does not fit the spec (item vector size, number of time
     *     angles, or a length beyond maxSequenceLength)
     */
    public static List<ModelInput> sequences(ModelSpec spec, SequenceBatch batch) {
        int b = batch.batchSize();
        int t = batch.length();
        if (batch.itemVectorSize() != spec.itemVectorSize()) {
            throw new IllegalArgumentException("the batch has item vectors of size " + batch.itemVectorSize()
                    + ", the model needs " + spec.itemVectorSize());
        }
        if (spec.timeFeatures() && batch.timeAngleCount() != spec.timeAngleCount()) {
            throw new IllegalArgumentException("the batch has " + batch.timeAngleCount()
                    + " time angles per action, the model needs " + spec.timeAngleCount());
        }
        if (t > spec.maxSequenceLength()) {
            throw new IllegalArgumentException("the batch length T=" + t + " exceeds the model's maxSequenceLength "
                    + spec.maxSequenceLength());
        }
        List<ModelInput> in = new ArrayList<>();
        in.add(ModelInput.of(GraphNames.SEQ_ITEM_VECTORS, batch.itemVectors(), b, t, spec.itemVectorSize()));
        if (spec.itemIdRows() > 0) {
            in.add(ModelInput.of(GraphNames.SEQ_ITEM_BUCKETS, batch.itemBuckets(), b, t));
        }
        if (spec.actionEmbeddingSize() > 0) {
            in.add(ModelInput.of(GraphNames.SEQ_ACTION_TYPES, batch.actionTypes(), b, t));
        }
        if (spec.surfaceEmbeddingSize() > 0) {
            in.add(ModelInput.of(GraphNames.SEQ_SURFACES, batch.surfaces(), b, t));
        }
        if (spec.durationFeature()) {
            in.add(ModelInput.of(GraphNames.SEQ_DURATION_LOG1P, batch.durationLog1p(), b, t));
        }
        if (spec.timeFeatures()) {
            in.add(ModelInput.of(GraphNames.SEQ_TIME_ANGLES, batch.timeAngles(), b, t, spec.timeAngleCount()));
            in.add(ModelInput.of(GraphNames.SEQ_TIME_LOG1P, batch.timeLog1p(), b, t, 3));
        }
        in.add(ModelInput.of(GraphNames.SEQ_VALID_MASK, batch.validMask(), b, t));
        if (spec.positionEmbedding()) {
            in.add(ModelInput.of(GraphNames.SEQ_POSITIONS, IntBuffer.wrap(positions(t)).asReadOnlyBuffer(), t));
        }
        return List.copyOf(in);
    }

    /** The position index of a sequence of length {@code t}: {@code t - 1 - i} (0 = newest action). */
    public static int[] positions(int t) {
        int[] p = new int[t];
        for (int i = 0; i < t; i++) {
            p[i] = t - 1 - i;
        }
        return p;
    }

    /**
     * The inputs of the item tower.
     *
     * @throws IllegalArgumentException if the item vector size does not fit the spec
     */
    public static List<ModelInput> items(ModelSpec spec, ItemBatch batch) {
        return itemInputs(spec, batch, GraphNames.ITEM_VECTORS, GraphNames.ITEM_BUCKETS);
    }

    private static List<ModelInput> itemInputs(ModelSpec spec, ItemBatch batch, String vectors, String buckets) {
        if (batch.itemVectorSize() != spec.itemVectorSize()) {
            throw new IllegalArgumentException("the items have vectors of size " + batch.itemVectorSize()
                    + ", the model needs " + spec.itemVectorSize());
        }
        List<ModelInput> in = new ArrayList<>();
        in.add(ModelInput.of(vectors, batch.vectors(), batch.count(), spec.itemVectorSize()));
        if (spec.itemIdRows() > 0) {
            in.add(ModelInput.of(buckets, batch.buckets(), batch.count()));
        }
        return in;
    }

    /**
     * The step seed of the dropout masks ({@link GraphNames#DROPOUT_SEED}, int32 []), a function of the training
     * seed and the step number only (a SplitMix64 mix of both), so a run's dropout masks are reproducible and
     * differ from step to step.
     *
     * @param trainingSeed the training options' seed
     * @param step the 0-based number of the training step
     */
    public static ModelInput dropoutSeed(long trainingSeed, long step) {
        long z = trainingSeed + 0x9E3779B97F4A7C15L * (step + 1);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z ^= z >>> 31;
        return ModelInput.of(GraphNames.DROPOUT_SEED, IntBuffer.wrap(new int[] {(int) z}).asReadOnlyBuffer());
    }

    /**
     * The inputs of the loss graph: the sequence inputs, then the pairs, positives and negatives. A spec with
     * dropout also needs {@link #dropoutSeed(long, long)}, which the trainer adds per step.
     *
     * @throws IllegalArgumentException if the batch does not fit the spec
     */
    public static List<ModelInput> training(ModelSpec spec, TrainingBatch batch) {
        int p = batch.pairCount();
        int r = batch.negatives().count();
        int b = batch.sequences().batchSize();
        List<ModelInput> in = new ArrayList<>(sequences(spec, batch.sequences()));
        in.add(ModelInput.of(GraphNames.PAIR_POSITION, batch.pairPosition(), p));
        in.add(ModelInput.of(GraphNames.PAIR_USER, batch.pairUser(), p));
        in.add(ModelInput.of(GraphNames.PAIR_WEIGHT, batch.pairWeight(), p));
        in.addAll(itemInputs(spec, batch.positives(), GraphNames.POSITIVE_VECTORS, GraphNames.POSITIVE_BUCKETS));
        in.add(ModelInput.of(GraphNames.POSITIVE_LOG_Q, batch.positiveLogQ(), p));
        in.add(ModelInput.of(GraphNames.POSITIVE_CANDIDATES, batch.positiveCandidates(), b, p));
        in.addAll(itemInputs(spec, batch.negatives(), GraphNames.NEGATIVE_VECTORS, GraphNames.NEGATIVE_BUCKETS));
        in.add(ModelInput.of(GraphNames.NEGATIVE_LOG_Q, batch.negativeLogQ(), r));
        in.add(ModelInput.of(GraphNames.NEGATIVE_CANDIDATES, batch.negativeCandidates(), b, r));
        return List.copyOf(in);
    }
}
