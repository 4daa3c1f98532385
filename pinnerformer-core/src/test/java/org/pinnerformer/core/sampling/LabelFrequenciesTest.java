package org.pinnerformer.core.sampling;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.pinnerformer.api.ModelSpec;
import org.pinnerformer.api.TrainingBatch;
import org.pinnerformer.api.Vocabulary;
import org.pinnerformer.api.objective.NegativeSampling;
import org.pinnerformer.api.objective.NextAction;
import org.pinnerformer.api.objective.TrainingOptions;
import org.pinnerformer.core.data.ItemCatalog;
import org.pinnerformer.core.data.Timelines;
import org.pinnerformer.core.data.TimelinesBuilder;

/** The positives' {@code log Q} follows the labels the sampler emits, not the timelines (issue #17, section 1). */
class LabelFrequenciesTest {
    private final ItemCatalog catalog = Fixtures.catalog();
    private final ModelSpec spec = ModelSpec.smallPreset().toBuilder().itemVectorSize(2).maxSequenceLength(6)
            .build();

    private static float[] all(FloatBuffer b) {
        float[] a = new float[b.remaining()];
        b.get(a);
        return a;
    }

    /**
     * User 1 saves item 1 a hundred times; the other users save random items 2..20. Next action emits one label
     * per user and batch, so item 1 is one of the 12 in-batch candidates exactly once per batch: its {@code Q}
     * is 1, whatever its share of the timelines.
     */
    @Test
    void positiveLogQFollowsTheLabelsTheSamplerEmits() {
        TimelinesBuilder b = new TimelinesBuilder(catalog, Vocabulary.of("view", "save"), Vocabulary.of("home"),
                Set.of("save"));
        SplittableRandom r = new SplittableRandom(9);
        for (int k = 0; k < 100; k++) {
            b.add(Fixtures.save(1, 1, k * 0.5));
        }
        for (long u = 2; u <= 12; u++) {
            for (int k = 0; k < 10; k++) {
                b.add(Fixtures.save(u, 2 + r.nextInt(19), r.nextDouble() * 60));
            }
        }
        Timelines t = b.build();
        TrainingOptions options = TrainingOptions.builder().objective(new NextAction())
                .negatives(new NegativeSampling(4096, 5, true)).batchSize(12).seed(6).build();
        int[] users = new int[t.userCount()];
        Arrays.setAll(users, u -> u);
        TrainingBatchSource source = new TrainingBatchSource(t, catalog, spec, options, users);
        int batches = 200;
        double[] emitted = new double[21];
        double[] qSum = new double[21];
        double[] qCount = new double[21];
        Iterator<TrainingBatch> it = source.iterator();
        for (int k = 0; k < batches; k++) {
            TrainingBatch batch = it.next();
            float[] vectors = all(batch.positives().vectors());
            float[] logQ = all(batch.positiveLogQ());
            for (int i = 0; i < logQ.length; i++) {
                int item = (int) vectors[2 * i]; // the fixture's item vector is (id, 0)
                emitted[item]++;
                qSum[item] += Math.exp(logQ[i]);
                qCount[item]++;
            }
        }
        // item 1: drawn exactly once per batch
        assertThat(emitted[1] / batches).isEqualTo(1.0);
        assertThat(qSum[1] / qCount[1]).as("Q of item 1").isBetween(1 / 1.1, 1.1);
        // every other item often enough to measure: Q within 35% of its in-batch rate
        for (int item = 2; item <= 20; item++) {
            if (emitted[item] >= 100) {
                double rate = emitted[item] / batches;
                assertThat(qSum[item] / qCount[item]).as("Q of item %s, emitted %s times a batch", item, rate)
                        .isBetween(rate / 1.35, rate * 1.35);
            }
        }
    }
}
