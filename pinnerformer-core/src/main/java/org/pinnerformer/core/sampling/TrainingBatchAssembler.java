package org.pinnerformer.core.sampling;

import java.util.Arrays;
import java.util.Objects;
import java.util.random.RandomGenerator;
import org.pinnerformer.api.ItemBatch;
import org.pinnerformer.api.SequenceBatch;
import org.pinnerformer.api.TrainingBatch;
import org.pinnerformer.api.objective.NegativeSampling;
import org.pinnerformer.core.data.ItemCatalog;
import org.pinnerformer.core.data.Timelines;
import org.pinnerformer.core.features.SequenceFeatures;

/**
 * Builds one {@link TrainingBatch} from a list of users: one sequence per user from the
 * {@link ObjectiveSampler}, its pairs, the positives' {@code log Q}, the candidate mask and the uniform
 * negatives, exactly in the layout {@link TrainingBatch} documents.
 *
 * <ul>
 *   <li>Pair weights: each of the {@code U} users of the batch has {@code k_u >= 1} pairs, each weighing
 *       {@code 1 / (U k_u)}: every user's pairs sum to {@code 1 / U} and all weights to 1.</li>
 *   <li>In-batch candidates: the positives of the first {@code min(P, inBatchCap)} pairs (pairs are in the
 *       order of the users given, which callers shuffle); {@code positiveCandidates[b, q]} is 1 only when
 *       {@code q} is such a candidate and its item is none of sequence {@code b}'s labels in this batch (so
 *       {@code b}'s own pairs, duplicates of its items and other users' positives that {@code b} also saved are
 *       all out). {@code negativeCandidates[b, r]} is 1 unless uniform negative {@code r} is one of {@code b}'s
 *       labels (an accidental hit).</li>
 *   <li>{@code log Q} of an in-batch candidate {@code x}: the expected number of times it is drawn among the
 *       {@code n = max(1, min(P, inBatchCap))} in-batch candidates, {@code log(n * q(x))}, with {@code q(x)}
 *       the probability that the sampler emits {@code x} as a label ({@link LabelFrequencies}, the sampler's
 *       own label distribution, not the timelines' positive counts); uniform negatives get {@code log(R / N)}.
 *       Both are 0 when logQ correction is off.</li>
 * </ul>
 *
 * <p>Not thread-safe (it reuses scratch buffers); use one per thread. Deterministic given the random generator.
 */
public final class TrainingBatchAssembler {
    private final SequenceFeatures features;
    private final ObjectiveSampler sampler;
    private final NegativeSampling negativeSampling;
    private final LabelFrequencies frequencies;
    private final UniformNegatives negatives;
    private final Timelines timelines;
    private final ItemCatalog catalog;
    private final SampleBuffer buffer = new SampleBuffer();
    private int[] pairPosition = new int[0];
    private int[] pairUser = new int[0];
    private int[] pairItem = new int[0];
    private float[] pairWeight = new float[0];
    private int[] labelStamp = new int[0];
    private int stamp;

    /**
     * An assembler.
     *
     * @param frequencies how often the sampler emits each catalogue item as a label (see
     *     {@link LabelFrequencies}); only read when logQ correction is on
     * @throws IllegalArgumentException if the sampler's maximum length differs from the features' length
     */
    public TrainingBatchAssembler(SequenceFeatures features, ObjectiveSampler sampler,
            NegativeSampling negativeSampling, LabelFrequencies frequencies) {
        this.features = Objects.requireNonNull(features, "features");
        this.sampler = Objects.requireNonNull(sampler, "sampler");
        this.negativeSampling = Objects.requireNonNull(negativeSampling, "negativeSampling");
        this.frequencies = Objects.requireNonNull(frequencies, "frequencies");
        if (sampler.maxLength() != features.length()) {
            throw new IllegalArgumentException("the sampler's maxLength " + sampler.maxLength()
                    + " must equal the features' length " + features.length());
        }
        this.timelines = features.timelines();
        this.catalog = features.catalog();
        this.negatives = new UniformNegatives(catalog, features.buckets(), negativeSampling.uniformNegatives());
    }

    /**
     * The batch of users {@code users[offset .. offset + count - 1]} (dense user indexes), one sequence each in
     * that order.
     *
     * @throws IllegalArgumentException if {@code count} is not positive, the range is out of bounds, or a user
     *     has no training example for the objective (see {@link ObjectiveSampler#hasExample})
     */
    public TrainingBatch assemble(int[] users, int offset, int count, RandomGenerator random) {
        Objects.requireNonNull(users, "users");
        Objects.requireNonNull(random, "random");
        if (count <= 0) {
            throw new IllegalArgumentException("count must be > 0, was " + count);
        }
        Objects.checkFromIndexSize(offset, count, users.length);
        int t = features.length();
        int[] rowUser = new int[count];
        int[] rowFrom = new int[count];
        int[] rowTo = new int[count];
        int[] userPairStart = new int[count + 1];
        ensurePairCapacity(count * sampler.maxPairsPerSequence());
        int p = 0;
        for (int b = 0; b < count; b++) {
            int u = Objects.checkIndex(users[offset + b], timelines.userCount());
            if (!sampler.sample(u, random, buffer)) {
                throw new IllegalArgumentException("user " + timelines.userId(u) + " has no training example for "
                        + sampler.objective().name());
            }
            rowUser[b] = u;
            rowFrom[b] = buffer.from();
            rowTo[b] = buffer.to();
            int k = buffer.pairCount();
            float w = (float) (1.0 / ((double) count * k));
            ensurePairCapacity(p + k);
            for (int j = 0; j < k; j++) {
                pairPosition[p] = b * t + features.position(buffer.to(), buffer.anchorAt(j));
                pairUser[p] = b;
                pairItem[p] = timelines.item(buffer.labelAt(j));
                pairWeight[p] = w;
                p++;
            }
            userPairStart[b + 1] = p;
        }
        SequenceBatch sequences = features.build(count, rowUser, rowFrom, rowTo);
        int[] positiveItems = Arrays.copyOf(pairItem, p);
        ItemBatch positives = negatives.items(positiveItems);
        int inBatch = Math.min(p, negativeSampling.inBatchCap());
        float[] positiveLogQ = new float[p];
        if (negativeSampling.logQCorrection()) {
            double draws = Math.max(1, inBatch);
            for (int i = 0; i < p; i++) {
                positiveLogQ[i] = (float) Math.log(draws * frequencies.probability(positiveItems[i]));
            }
        }
        int[] negativeItems = negatives.draw(random);
        float[][] masks = candidateMasks(p, inBatch, count, userPairStart, positiveItems, negativeItems);
        float[] negativeLogQ = new float[negativeItems.length];
        if (negativeSampling.logQCorrection() && negativeItems.length > 0) {
            Arrays.fill(negativeLogQ, (float) negatives.logQ());
        }
        return new TrainingBatch(sequences, Arrays.copyOf(pairPosition, p), Arrays.copyOf(pairUser, p),
                Arrays.copyOf(pairWeight, p), positives, positiveLogQ, masks[0], negatives.items(negativeItems),
                negativeLogQ, masks[1]);
    }

    /**
     * The per-sequence candidate masks, [B, P] then [B, R] in one array: column {@code q < inBatch} (another
     * sequence's pair) and every uniform negative are candidates for sequence {@code b} unless the item is one of
     * {@code b}'s labels in this batch. O(B (P + R)) with a per-item stamp, whatever the catalogue size.
     */
    private float[][] candidateMasks(int p, int inBatch, int users, int[] userPairStart, int[] items,
            int[] negativeItems) {
        int r = negativeItems.length;
        float[] positive = new float[Math.multiplyExact(users, p)];
        float[] negative = new float[Math.multiplyExact(users, r)];
        if (labelStamp.length < catalog.size()) {
            labelStamp = new int[catalog.size()];
            stamp = 0;
        }
        for (int b = 0; b < users; b++) {
            if (++stamp == Integer.MAX_VALUE) {
                Arrays.fill(labelStamp, 0);
                stamp = 1;
            }
            for (int i = userPairStart[b]; i < userPairStart[b + 1]; i++) {
                labelStamp[items[i]] = stamp;
            }
            for (int q = 0; q < inBatch; q++) {
                positive[b * p + q] = labelStamp[items[q]] == stamp ? 0f : 1f;
            }
            for (int j = 0; j < r; j++) {
                negative[b * r + j] = labelStamp[negativeItems[j]] == stamp ? 0f : 1f;
            }
        }
        return new float[][] {positive, negative};
    }

    private void ensurePairCapacity(int n) {
        if (pairPosition.length < n) {
            int cap = Math.max(n, pairPosition.length * 2);
            pairPosition = Arrays.copyOf(pairPosition, cap);
            pairUser = Arrays.copyOf(pairUser, cap);
            pairItem = Arrays.copyOf(pairItem, cap);
            pairWeight = Arrays.copyOf(pairWeight, cap);
        }
    }
}
