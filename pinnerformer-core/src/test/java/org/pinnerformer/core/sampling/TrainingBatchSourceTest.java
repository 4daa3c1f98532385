package org.pinnerformer.core.sampling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.pinnerformer.api.ModelSpec;
import org.pinnerformer.api.TrainingBatch;
import org.pinnerformer.api.Vocabulary;
import org.pinnerformer.api.objective.DenseAllAction;
import org.pinnerformer.api.objective.NegativeSampling;
import org.pinnerformer.api.objective.NextAction;
import org.pinnerformer.api.objective.Objective;
import org.pinnerformer.api.objective.SasRec;
import org.pinnerformer.api.objective.TrainingOptions;
import org.pinnerformer.core.data.ItemCatalog;
import org.pinnerformer.core.data.Timelines;
import org.pinnerformer.core.data.TimelinesBuilder;

class TrainingBatchSourceTest {
    private final ItemCatalog catalog = Fixtures.catalog();
    private final ModelSpec spec = ModelSpec.smallPreset().toBuilder().itemVectorSize(2).maxSequenceLength(6)
            .build();

    /** 12 users with random views and saves of items 1..20 over 60 days. */
    private Timelines randomTimelines(long seed) {
        TimelinesBuilder b = new TimelinesBuilder(catalog, Vocabulary.of("view", "save"), Vocabulary.of("home"),
                Set.of("save"));
        SplittableRandom r = new SplittableRandom(seed);
        for (long u = 1; u <= 12; u++) {
            int n = 3 + r.nextInt(15);
            for (int k = 0; k < n; k++) {
                double day = r.nextDouble() * 60;
                long item = 1 + r.nextInt(20);
                b.add(r.nextInt(3) == 0 ? Fixtures.view(u, item, day) : Fixtures.save(u, item, day));
            }
        }
        return b.build();
    }

    private TrainingBatchSource source(Timelines t, Objective o, NegativeSampling neg, int batchSize, long seed) {
        TrainingOptions options = TrainingOptions.builder().objective(o).negatives(neg).batchSize(batchSize)
                .seed(seed).build();
        int[] users = new int[t.userCount()];
        Arrays.setAll(users, u -> u);
        return new TrainingBatchSource(t, catalog, spec, options, users);
    }

    private static float[] all(FloatBuffer b) {
        float[] a = new float[b.remaining()];
        b.get(a);
        return a;
    }

    private static int[] all(IntBuffer b) {
        int[] a = new int[b.remaining()];
        b.get(a);
        return a;
    }

    @Test
    void everyUserWeighsTheSameAndTheWeightsSumToOne() {
        Timelines t = randomTimelines(1);
        TrainingBatch batch = source(t, new SasRec(), new NegativeSampling(100, 5, true), 8, 3).epoch(0).next();
        int users = batch.sequences().batchSize();
        assertThat(users).isEqualTo(8);
        float[] w = all(batch.pairWeight());
        int[] pairUser = all(batch.pairUser());
        double[] perUser = new double[users];
        int[] pairs = new int[users];
        double total = 0;
        for (int p = 0; p < w.length; p++) {
            perUser[pairUser[p]] += w[p];
            pairs[pairUser[p]]++;
            total += w[p];
        }
        assertThat(total).isCloseTo(1, within(1e-5));
        for (int b = 0; b < users; b++) {
            assertThat(perUser[b]).isCloseTo(1.0 / users, within(1e-6));
        }
        for (int p = 0; p < w.length; p++) {
            assertThat(w[p]).isEqualTo((float) (1.0 / (users * pairs[pairUser[p]])));
        }
    }

    @Test
    void candidateMasksHideTheSequencesOwnLabelsAndPairsBeyondTheCap() {
        Timelines t = randomTimelines(2);
        int cap = 9;
        TrainingBatch batch = source(t, new DenseAllAction(28, 4), new NegativeSampling(cap, 30, true), 6, 4)
                .epoch(0).next();
        int p = batch.pairCount();
        int r = batch.negatives().count();
        int users = batch.sequences().batchSize();
        assertThat(p).isGreaterThan(cap);
        float[] positiveMask = all(batch.positiveCandidates());
        float[] negativeMask = all(batch.negativeCandidates());
        assertThat(positiveMask).hasSize(users * p);
        assertThat(negativeMask).hasSize(users * r);
        int[] pairUser = all(batch.pairUser());
        float[] positives = all(batch.positives().vectors());
        float[] negatives = all(batch.negatives().vectors());
        int byOtherLabel = 0;
        int accidentalHits = 0;
        for (int b = 0; b < users; b++) {
            Set<Float> labels = new java.util.HashSet<>();
            for (int i = 0; i < p; i++) {
                if (pairUser[i] == b) {
                    labels.add(positives[2 * i]);
                }
            }
            for (int q = 0; q < p; q++) {
                boolean label = labels.contains(positives[2 * q]);
                float expected = label || q >= cap ? 0 : 1;
                assertThat(positiveMask[b * p + q]).as("positiveCandidates[%s, %s]", b, q).isEqualTo(expected);
                if (label && pairUser[q] != b && q < cap) {
                    byOtherLabel++;
                }
            }
            for (int j = 0; j < r; j++) {
                boolean label = labels.contains(negatives[2 * j]);
                assertThat(negativeMask[b * r + j]).as("negativeCandidates[%s, %s]", b, j).isEqualTo(label ? 0 : 1);
                accidentalHits += label ? 1 : 0;
            }
        }
        assertThat(byOtherLabel).as("another user's positive that is this user's label exists").isPositive();
        assertThat(accidentalHits).as("uniform negatives that are this user's label exist").isPositive();
    }

    @Test
    void pairsPointAtTheirAnchorAndLogQFollowsTheDocumentedFormulas() {
        Timelines t = randomTimelines(3);
        NegativeSampling neg = new NegativeSampling(4096, 7, true);
        TrainingBatch batch = source(t, new NextAction(), neg, 5, 5).epoch(0).next();
        int p = batch.pairCount();
        assertThat(p).isEqualTo(5);
        int[] users = new int[t.userCount()];
        Arrays.setAll(users, u -> u);
        ObjectiveSampler sampler = ObjectiveSampler.of(new NextAction(), t, 6);
        int[] eligible = Arrays.stream(users).filter(sampler::hasExample).toArray();
        LabelFrequencies q = LabelFrequencies.of(sampler, t, eligible, catalog.size(),
                TrainingBatchSource.labelSeed(5));
        float[] logQ = all(batch.positiveLogQ());
        float[] positives = all(batch.positives().vectors());
        int[] pos = all(batch.pairPosition());
        float[] valid = all(batch.sequences().validMask());
        int length = batch.sequences().length();
        for (int i = 0; i < p; i++) {
            int item = (int) positives[2 * i] - 1;
            assertThat(logQ[i]).isCloseTo((float) Math.log(5.0 * q.probability(item)), within(1e-5f));
            // next action: the pair's position is the newest action of its row
            assertThat(pos[i] % length).isEqualTo(length - 1);
            assertThat(valid[pos[i]]).isEqualTo(1f);
        }
        assertThat(batch.negatives().count()).isEqualTo(7);
        assertThat(all(batch.negativeLogQ())).containsOnly((float) Math.log(7.0 / 20));
        TrainingBatch off = source(t, new NextAction(), new NegativeSampling(4096, 7, false), 5, 5).epoch(0).next();
        assertThat(all(off.positiveLogQ())).containsOnly(0f);
        assertThat(all(off.negativeLogQ())).containsOnly(0f);
    }

    @Test
    void anEpochVisitsEveryEligibleUserOnceAndEqualSeedsGiveEqualBatches() {
        Timelines t = randomTimelines(4);
        TrainingBatchSource a = source(t, new DenseAllAction(28, 3), NegativeSampling.defaults(), 5, 9);
        TrainingBatchSource b = source(t, new DenseAllAction(28, 3), NegativeSampling.defaults(), 5, 9);
        TrainingBatchSource c = source(t, new DenseAllAction(28, 3), NegativeSampling.defaults(), 5, 10);
        List<float[]> first = new ArrayList<>();
        int sequences = 0;
        for (Iterator<TrainingBatch> it = a.epoch(0); it.hasNext();) {
            TrainingBatch batch = it.next();
            sequences += batch.sequences().batchSize();
            first.add(all(batch.sequences().itemVectors()));
            first.add(all(batch.positives().vectors()));
        }
        assertThat(sequences).isEqualTo(a.eligibleUsers().length);
        assertThat(a.batchesPerEpoch()).isEqualTo((sequences + 4) / 5);
        List<float[]> second = new ArrayList<>();
        for (Iterator<TrainingBatch> it = b.epoch(0); it.hasNext();) {
            TrainingBatch batch = it.next();
            second.add(all(batch.sequences().itemVectors()));
            second.add(all(batch.positives().vectors()));
        }
        assertThat(second).usingRecursiveComparison().isEqualTo(first);
        assertThat(all(c.epoch(0).next().positives().vectors())).isNotEqualTo(first.get(1));
        Iterator<TrainingBatch> endless = a.iterator();
        for (int n = 0; n < 3 * a.batchesPerEpoch(); n++) {
            assertThat(endless.hasNext()).isTrue();
            endless.next();
        }
    }

    @Test
    void saysWhenNoUserHasATrainingExample() {
        Timelines t = Fixtures.timelines(catalog);
        TrainingOptions options = TrainingOptions.builder().objective(new NextAction()).build();
        assertThatThrownBy(() -> new TrainingBatchSource(t, catalog, spec, options, new int[] {1}))
                .hasMessage("none of the 1 users has a training example for next-action");
        TrainingBatchAssembler assembler = new TrainingBatchAssembler(
                new org.pinnerformer.core.features.SequenceFeatures(spec, t, catalog),
                ObjectiveSampler.of(new NextAction(), t, 6), NegativeSampling.defaults(),
                LabelFrequencies.of(ObjectiveSampler.of(new NextAction(), t, 6), t, new int[] {0}, catalog.size(), 1));
        assertThatThrownBy(() -> assembler.assemble(new int[] {0, 1}, 0, 2, new SplittableRandom(1)))
                .hasMessage("user 2 has no training example for next-action");
    }
}
