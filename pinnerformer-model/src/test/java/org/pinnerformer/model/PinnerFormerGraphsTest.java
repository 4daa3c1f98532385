package org.pinnerformer.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.pinnerformer.api.Checkpoint;
import org.pinnerformer.api.FloatTensor;
import org.pinnerformer.api.ItemBatch;
import org.pinnerformer.api.ModelSpec;
import org.pinnerformer.api.SequenceBatch;
import org.pinnerformer.api.TrainingBatch;
import org.pinnerformer.api.Vocabulary;
import org.pinnerformer.spi.graph.Graph;
import org.pinnerformer.spi.graph.GraphInput;

class PinnerFormerGraphsTest {
    private static final ModelSpec SPEC = Fixtures.smallSpec();
    private static final Checkpoint CHECKPOINT = ModelInitializer.initialize(SPEC, Fixtures.ACTIONS, Fixtures.SURFACES,
            11);
    private static final ModelParameters PARAMS = ModelParameters.of(CHECKPOINT);

    private static float[] full(SequenceBatch batch) {
        return new GraphInterpreter(PinnerFormerGraphs.userTower(PARAMS), CHECKPOINT.tensors())
                .run(ModelInputs.sequences(SPEC, batch)).get(GraphNames.USER_EMBEDDINGS).toArray();
    }

    private static float[] newest(SequenceBatch batch, int threads) {
        return new GraphInterpreter(PinnerFormerGraphs.userTowerNewest(PARAMS), CHECKPOINT.tensors())
                .run(ModelInputs.sequences(SPEC, batch), threads).get(GraphNames.USER_EMBEDDING).toArray();
    }

    @Test
    void graphsDeclareExactlyTheInputsModelInputsProducesInTheSameOrder() {
        SplittableRandom r = new SplittableRandom(1);
        SequenceBatch batch = Fixtures.batch(SPEC, 4, Fixtures.randomActions(SPEC, 3, r));
        assertThat(PinnerFormerGraphs.userTower(PARAMS).dataInputs()).extracting(GraphInput::name)
                .containsExactlyElementsOf(ModelInputs.sequences(SPEC, batch).stream().map(ModelInput::name).toList());
        Graph items = PinnerFormerGraphs.itemTower(PARAMS);
        assertThat(items.dataInputs()).extracting(GraphInput::name).containsExactly("item_vectors", "item_buckets");
        assertThat(PinnerFormerGraphs.loss(PARAMS).parameters()).extracting(GraphInput::name)
                .containsExactlyInAnyOrderElementsOf(PARAMS.names());
    }

    @Test
    void changingALaterActionLeavesEarlierPositionsUnchanged() {
        SplittableRandom r = new SplittableRandom(2);
        Fixtures.Actions a = Fixtures.randomActions(SPEC, 6, r);
        Fixtures.Actions changed = new Fixtures.Actions(a.vectors().clone(), a.buckets(), a.types().clone(),
                a.surfaces(), a.duration(), a.angles(), a.log1p());
        for (int i = 4 * 6; i < 5 * 6; i++) {
            changed.vectors()[i] += 3;
        }
        changed.types()[4] = changed.types()[4] % 3 + 1;
        float[] before = full(Fixtures.batch(SPEC, 6, a));
        float[] after = full(Fixtures.batch(SPEC, 6, changed));
        int d = SPEC.outputSize();
        for (int i = 0; i < 4 * d; i++) {
            assertThat(after[i]).isEqualTo(before[i]);
        }
        assertThat(after[4 * d]).isNotEqualTo(before[4 * d]);
    }

    @Test
    void leftPaddingDoesNotChangeTheEmbeddingAndNewestOnlyEqualsTheFullTowersLastPosition() {
        SplittableRandom r = new SplittableRandom(3);
        Fixtures.Actions a = Fixtures.randomActions(SPEC, 3, r);
        Fixtures.Actions b = Fixtures.randomActions(SPEC, 4, r);
        SequenceBatch short4 = Fixtures.batch(SPEC, 4, a, b);
        SequenceBatch long7 = Fixtures.batch(SPEC, 7, a, b);
        float[] e4 = newest(short4, 1);
        float[] e7 = newest(long7, 1);
        int d = SPEC.outputSize();
        for (int i = 0; i < e4.length; i++) {
            assertThat(e7[i]).isCloseTo(e4[i], within(1e-6f));
        }
        float[] all = full(long7);
        for (int u = 0; u < 2; u++) {
            for (int j = 0; j < d; j++) {
                assertThat(e7[u * d + j]).isCloseTo(all[(u * 7 + 6) * d + j], within(1e-6f));
            }
        }
        for (float v : all) {
            assertThat(v).isFinite();
        }
        assertThat(newest(long7, 2)).containsExactly(e7);
    }

    @Test
    void itemTowerOutputsHaveUnitNorm() {
        ItemBatch items = Fixtures.items(SPEC, 9, new SplittableRandom(4));
        float[] e = new GraphInterpreter(PinnerFormerGraphs.itemTower(PARAMS), CHECKPOINT.tensors())
                .run(ModelInputs.items(SPEC, items), 3).get(GraphNames.ITEM_EMBEDDINGS).toArray();
        int d = SPEC.outputSize();
        assertThat(e).hasSize(9 * d);
        for (int n = 0; n < 9; n++) {
            double norm = 0;
            for (int j = 0; j < d; j++) {
                norm += e[n * d + j] * e[n * d + j];
            }
            assertThat(Math.sqrt(norm)).isCloseTo(1, within(1e-6));
        }
    }

    @Test
    void lossEqualsADirectDoublePrecisionSampledSoftmaxWithLogQ() {
        SplittableRandom r = new SplittableRandom(5);
        SequenceBatch seq = Fixtures.batch(SPEC, 5, Fixtures.randomActions(SPEC, 5, r),
                Fixtures.randomActions(SPEC, 3, r), Fixtures.randomActions(SPEC, 4, r));
        int[] pairPosition = {4, 3, 9, 13, 14};
        int[] pairUser = {0, 0, 1, 2, 2};
        float[] pairWeight = {1 / 6f, 1 / 6f, 1 / 3f, 1 / 6f, 1 / 6f};
        int p = 5;
        // per sequence: the other sequences' pairs are candidates, except pair 4 for sequence 1 (as if its item
        // were one of sequence 1's labels); uniform negative 1 is an accidental hit for sequence 2
        float[] mask = new float[3 * p];
        for (int b = 0; b < 3; b++) {
            for (int j = 0; j < p; j++) {
                mask[b * p + j] = pairUser[j] != b ? 1 : 0;
            }
        }
        mask[p + 4] = 0;
        float[] negMask = new float[3 * 4];
        java.util.Arrays.fill(negMask, 1);
        negMask[2 * 4 + 1] = 0;
        ItemBatch positives = Fixtures.items(SPEC, p, r);
        ItemBatch negatives = Fixtures.items(SPEC, 4, r);
        float[] posLogQ = {-2f, -1.5f, -3f, -0.5f, -2.5f};
        float[] negLogQ = new float[4];
        java.util.Arrays.fill(negLogQ, (float) Math.log(4 / 1000.0));
        TrainingBatch batch = new TrainingBatch(seq, pairPosition, pairUser, pairWeight, positives, posLogQ, mask,
                negatives, negLogQ, negMask);
        Map<String, FloatTensor> out = new GraphInterpreter(PinnerFormerGraphs.loss(PARAMS), CHECKPOINT.tensors())
                .run(ModelInputs.training(SPEC, batch));

        int d = SPEC.outputSize();
        float[] users = full(seq);
        GraphInterpreter items = new GraphInterpreter(PinnerFormerGraphs.itemTower(PARAMS), CHECKPOINT.tensors());
        float[] pos = items.run(ModelInputs.items(SPEC, positives)).get(GraphNames.ITEM_EMBEDDINGS).toArray();
        float[] neg = items.run(ModelInputs.items(SPEC, negatives)).get(GraphNames.ITEM_EMBEDDINGS).toArray();
        double raw = CHECKPOINT.tensor("temperature").get(0);
        double tau = 0.01 + Math.log1p(Math.exp(raw));
        assertThat(tau).isCloseTo(0.05, within(1e-6));
        double loss = 0;
        double[] own = new double[p];
        for (int i = 0; i < p; i++) {
            double[] logits = new double[p + 4];
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < p + 4; c++) {
                float[] item = c < p ? pos : neg;
                int row = c < p ? c : c - p;
                double dot = 0;
                for (int j = 0; j < d; j++) {
                    dot += (double) users[pairPosition[i] * d + j] * item[row * d + j];
                }
                logits[c] = dot / tau - (c < p ? posLogQ[c] : negLogQ[row]);
                if (candidate(c, i, p, pairUser, mask, negMask)) {
                    max = Math.max(max, logits[c]);
                }
            }
            double sum = 0;
            for (int c = 0; c < p + 4; c++) {
                if (candidate(c, i, p, pairUser, mask, negMask)) {
                    sum += Math.exp(logits[c] - max);
                }
            }
            loss += pairWeight[i] * (max + Math.log(sum) - logits[i]);
            own[i] = logits[i];
        }
        assertThat((double) out.get(GraphNames.LOSS).get(0)).isCloseTo(loss, within(1e-4 * Math.abs(loss)));
        int width = 1 + p + 4;
        assertThat(out.get(GraphNames.LOGITS).shape()).containsExactly(p, width);
        assertThat(out.get(GraphNames.LOGITS).get(2 * width + 1 + 4)).as("sequence 1's pair 2, column 4")
                .isEqualTo(-1e9f);
        assertThat(out.get(GraphNames.LOGITS).get(2 * width + 1 + 2)).as("a pair's own in-batch column")
                .isEqualTo(-1e9f);
        assertThat(out.get(GraphNames.LOGITS).get(3 * width + 1 + p + 1)).as("sequence 2's pair 3, negative 1")
                .isEqualTo(-1e9f);
        for (int i = 0; i < p; i++) {
            assertThat((double) out.get(GraphNames.LOGITS).get(i * width)).as("pair %s's positive, column 0", i)
                    .isCloseTo(own[i], within(1e-4 * Math.abs(own[i])));
        }
    }

    /** Whether column {@code c} of {@code [in-batch | negatives]} is in pair {@code i}'s softmax. */
    private static boolean candidate(int c, int i, int p, int[] pairUser, float[] mask, float[] negMask) {
        if (c == i) {
            return true;
        }
        return c < p ? mask[pairUser[i] * p + c] == 1 : negMask[pairUser[i] * 4 + c - p] == 1;
    }

    /** F=2, H=4, 2 heads, L=1, M=4, D=2, only item vectors and the position embedding; one action. */
    @Test
    void tinyModelMatchesAStepByStepHandComputation() {
        ModelSpec spec = ModelSpec.builder().itemVectorSize(2).actionEmbeddingSize(0).surfaceEmbeddingSize(0)
                .hiddenSize(4).layers(1).heads(2).maxSequenceLength(4).outputSize(2).timeFeatures(false)
                .durationFeature(false).build();
        Vocabulary v = Vocabulary.of("x");
        Checkpoint ck = ModelInitializer.initialize(spec, v, v, 99);
        float[] c = {0.5f, -1.25f};
        SequenceBatch batch = new SequenceBatch(1, 1, 2, spec.timeAngleCount(), c, new int[1], new int[1],
                new int[1], new float[1], new float[spec.timeAngleCount()], new float[3], new float[] {1});
        float[] got = new GraphInterpreter(PinnerFormerGraphs.userTowerNewest(ModelParameters.of(ck)), ck.tensors())
                .run(ModelInputs.sequences(spec, batch)).get(GraphNames.USER_EMBEDDING).toArray();

        double[] x = add(linear(ck, "input_projection", toDouble(c)), row(ck, "position_embedding.weight", 0, 4));
        double[] n1 = layerNorm(ck, "blocks.0.norm1", x);
        // one key: softmax weight 1, so each head's context is its value vector
        double[] inW = toDouble(ck.tensor("blocks.0.attention.in_proj_weight").toArray());
        double[] inB = toDouble(ck.tensor("blocks.0.attention.in_proj_bias").toArray());
        double[] value = new double[4];
        for (int o = 0; o < 4; o++) {
            value[o] = inB[8 + o];
            for (int i = 0; i < 4; i++) {
                value[o] += inW[(8 + o) * 4 + i] * n1[i];
            }
        }
        double[] x1 = add(x, linear(ck, "blocks.0.attention.out_proj", value));
        double[] ffn = linear(ck, "blocks.0.ffn.2", gelu(linear(ck, "blocks.0.ffn.0", layerNorm(ck,
                "blocks.0.norm2", x1))));
        double[] x2 = add(x1, ffn);
        double[] head = linear(ck, "output_mlp.2", gelu(linear(ck, "output_mlp.0", layerNorm(ck, "output_norm",
                x2))));
        double norm = Math.hypot(head[0], head[1]);
        assertThat(got[0]).isCloseTo((float) (head[0] / norm), within(2e-6f));
        assertThat(got[1]).isCloseTo((float) (head[1] / norm), within(2e-6f));
    }

    private static double[] toDouble(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }

    private static double[] row(Checkpoint ck, String name, int row, int width) {
        double[] all = toDouble(ck.tensor(name).toArray());
        return java.util.Arrays.copyOfRange(all, row * width, row * width + width);
    }

    private static double[] add(double[] a, double[] b) {
        double[] y = a.clone();
        for (int i = 0; i < y.length; i++) {
            y[i] += b[i];
        }
        return y;
    }

    private static double[] linear(Checkpoint ck, String prefix, double[] x) {
        FloatTensor w = ck.tensor(prefix + ".weight");
        double[] b = toDouble(ck.tensor(prefix + ".bias").toArray());
        double[] y = new double[w.dim(0)];
        for (int o = 0; o < y.length; o++) {
            y[o] = b[o];
            for (int i = 0; i < x.length; i++) {
                y[o] += w.get(o * x.length + i) * x[i];
            }
        }
        return y;
    }

    private static double[] layerNorm(Checkpoint ck, String prefix, double[] x) {
        double mean = 0;
        for (double v : x) {
            mean += v / x.length;
        }
        double var = 0;
        for (double v : x) {
            var += (v - mean) * (v - mean) / x.length;
        }
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = (x[i] - mean) / Math.sqrt(var + 1e-5) * ck.tensor(prefix + ".weight").get(i)
                    + ck.tensor(prefix + ".bias").get(i);
        }
        return y;
    }

    private static double[] gelu(double[] x) {
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = 0.5 * x[i] * (1 + InterpreterOpsTest.erfReference(x[i] / Math.sqrt(2)));
        }
        return y;
    }

    @Test
    void everyGraphRunsForAllFeatureSwitchesOff() {
        ModelSpec bare = SPEC.toBuilder().actionEmbeddingSize(0).surfaceEmbeddingSize(0).itemIdHashBuckets(0)
                .timeFeatures(false).durationFeature(false).positionEmbedding(false).build();
        Checkpoint ck = ModelInitializer.initialize(bare, Fixtures.ACTIONS, Fixtures.SURFACES, 1);
        SequenceBatch batch = Fixtures.batch(bare, 3, Fixtures.randomActions(bare, 2, new SplittableRandom(8)));
        float[] e = new GraphInterpreter(PinnerFormerGraphs.userTowerNewest(ModelParameters.of(ck)), ck.tensors())
                .run(ModelInputs.sequences(bare, batch)).get(GraphNames.USER_EMBEDDING).toArray();
        assertThat(e).hasSize(bare.outputSize());
        assertThat(ModelInputs.sequences(bare, batch)).extracting(ModelInput::name)
                .containsExactly("seq_item_vectors", "seq_valid_mask");
        assertThat(List.of(e[0])).doesNotContain(Float.NaN);
    }
}
