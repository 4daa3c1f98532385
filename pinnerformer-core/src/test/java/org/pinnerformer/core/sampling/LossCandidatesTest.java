package org.pinnerformer.core.sampling;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.pinnerformer.api.Checkpoint;
import org.pinnerformer.api.FloatTensor;
import org.pinnerformer.api.ModelSpec;
import org.pinnerformer.api.TrainingBatch;
import org.pinnerformer.api.Vocabulary;
import org.pinnerformer.api.objective.DenseAllAction;
import org.pinnerformer.api.objective.NegativeSampling;
import org.pinnerformer.api.objective.Objective;
import org.pinnerformer.api.objective.TrainingOptions;
import org.pinnerformer.core.data.ItemCatalog;
import org.pinnerformer.core.data.Timelines;
import org.pinnerformer.core.data.TimelinesBuilder;
import org.pinnerformer.model.GraphInterpreter;
import org.pinnerformer.model.GraphNames;
import org.pinnerformer.model.ModelInitializer;
import org.pinnerformer.model.ModelInputs;
import org.pinnerformer.model.ModelParameters;
import org.pinnerformer.model.PinnerFormerGraphs;

/**
 * The candidates of the sampled softmax, seen through the loss graph's logits: no candidate (in-batch or
 * uniform) may be one of the row user's own labels in the batch (issue #17, section 1).
 */
class LossCandidatesTest {
    private static final float MASKED = (float) PinnerFormerGraphs.MASKED_LOGIT;
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

    private float[] logits(TrainingBatch batch) {
        Checkpoint ck = ModelInitializer.initialize(spec, Vocabulary.of("view", "save"), Vocabulary.of("home"), 5);
        FloatTensor out = new GraphInterpreter(PinnerFormerGraphs.loss(ModelParameters.of(ck)), ck.tensors())
                .run(ModelInputs.training(spec, batch)).get(GraphNames.LOGITS);
        return out.toArray();
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

    /** The catalogue id of every item of a batch (the fixture's item vector is (id, 0)). */
    private static int[] ids(FloatBuffer vectors) {
        float[] v = all(vectors);
        int[] ids = new int[v.length / 2];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = (int) v[2 * i];
        }
        return ids;
    }

    /** The items of each sequence row's pairs: its labels in this batch. */
    private static List<Set<Integer>> labelsByRow(TrainingBatch batch) {
        int[] owner = all(batch.pairUser());
        int[] items = ids(batch.positives().vectors());
        List<Set<Integer>> labels = new ArrayList<>();
        for (int b = 0; b < batch.sequences().batchSize(); b++) {
            labels.add(new HashSet<>());
        }
        for (int p = 0; p < owner.length; p++) {
            labels.get(owner[p]).add(items[p]);
        }
        return labels;
    }

    @Test
    void uniformNegativesThatAreLabelsOfTheRowsUserAreMasked() {
        // 40 uniform negatives from 20 items: every row meets its own labels among them
        TrainingBatch batch = source(randomTimelines(7), new DenseAllAction(28, 4), new NegativeSampling(4096, 40,
                true), 6, 3).epoch(0).next();
        int p = batch.pairCount();
        int r = batch.negatives().count();
        float[] logits = logits(batch);
        int width = logits.length / p;
        int[] owner = all(batch.pairUser());
        int[] negatives = ids(batch.negatives().vectors());
        List<Set<Integer>> labels = labelsByRow(batch);
        int masked = 0;
        for (int i = 0; i < p; i++) {
            for (int j = 0; j < r; j++) {
                float logit = logits[i * width + width - r + j];
                if (labels.get(owner[i]).contains(negatives[j])) {
                    assertThat(logit).as("pair %s, uniform negative %s (item %s)", i, j, negatives[j])
                            .isEqualTo(MASKED);
                    masked++;
                } else {
                    assertThat(logit).as("pair %s, uniform negative %s", i, j).isGreaterThan(MASKED / 2);
                }
            }
        }
        assertThat(masked).as("the batch has accidental hits, so the rule is exercised").isPositive();
    }

    @Test
    void inBatchCandidatesWhoseItemIsALabelOfTheRowsUserAreMasked() {
        int cap = 4096;
        TrainingBatch batch = source(randomTimelines(8), new DenseAllAction(28, 4), new NegativeSampling(cap, 5,
                true), 6, 4).epoch(0).next();
        int p = batch.pairCount();
        int r = batch.negatives().count();
        float[] logits = logits(batch);
        int width = logits.length / p;
        int first = width - r - p; // the first in-batch column
        int[] owner = all(batch.pairUser());
        int[] items = ids(batch.positives().vectors());
        List<Set<Integer>> labels = labelsByRow(batch);
        int otherLabel = 0;
        for (int i = 0; i < p; i++) {
            for (int q = 0; q < p; q++) {
                if (q == i || owner[q] == owner[i]) {
                    continue;
                }
                float logit = logits[i * width + first + q];
                if (labels.get(owner[i]).contains(items[q])) {
                    assertThat(logit).as("pair %s, in-batch %s (item %s)", i, q, items[q]).isEqualTo(MASKED);
                    if (items[q] != items[i]) {
                        otherLabel++;
                    }
                } else {
                    assertThat(logit).as("pair %s, in-batch %s", i, q).isGreaterThan(MASKED / 2);
                }
            }
        }
        assertThat(otherLabel).as("other users' positives that are another label of the row's user exist")
                .isPositive();
    }
}
