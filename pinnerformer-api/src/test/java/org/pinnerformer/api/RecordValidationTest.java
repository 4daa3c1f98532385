package org.pinnerformer.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.pinnerformer.api.objective.AllAction;
import org.pinnerformer.api.objective.DenseAllAction;
import org.pinnerformer.api.objective.NegativeSampling;
import org.pinnerformer.api.objective.Objective;
import org.pinnerformer.api.objective.TrainingOptions;
import org.pinnerformer.spi.BackendOptions;
import org.pinnerformer.spi.Device;

class RecordValidationTest {

    @Test
    void actionRejectsBadValuesWithASentence() {
        assertThatThrownBy(() -> new Action(1, 2, Double.NaN, "view", "home", 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("timestamp must be finite, was NaN");
        assertThatThrownBy(() -> new Action(1, 2, 10, "view", "home", -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("durationSeconds must be finite and >= 0, was -1.0");
        assertThatThrownBy(() -> new Action(1, 2, 10, "", "home", 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("actionType must not be empty");
        assertThatThrownBy(() -> new Action(1, 2, 10, "view", null, 0))
                .isInstanceOf(NullPointerException.class).hasMessage("surface");
        assertThat(new Action(1, 2, 1.5, "view", "home", 3).timestamp()).isEqualTo(1.5);
    }

    @Test
    void vocabularyRejectsDuplicatesAndReservesRowZeroForPadding() {
        assertThatThrownBy(() -> Vocabulary.of("view", "save", "view"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("vocabulary token 'view' appears twice, at 0 and 2");
        assertThatThrownBy(() -> new Vocabulary(List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("a vocabulary needs at least one token");
        Vocabulary v = Vocabulary.of("view", "save");
        assertThat(v.embeddingRow("save")).hasValue(2);
        assertThat(v.embeddingRow("hide")).isEmpty();
        assertThat(v.embeddingRows()).isEqualTo(3);
    }

    @Test
    void modelSpecChecksEveryHyperparameter() {
        assertThatThrownBy(() -> ModelSpec.builder().hiddenSize(130).heads(4).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("heads must divide hiddenSize, was hiddenSize=130, heads=4");
        assertThatThrownBy(() -> ModelSpec.builder().layers(0).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessage("layers must be > 0, was 0");
        assertThatThrownBy(() -> ModelSpec.builder().itemIdHashBuckets(-1).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessage("itemIdHashBuckets must be >= 0, was -1");
        assertThatThrownBy(() -> ModelSpec.builder().absolutePeriodsSeconds(3600, -1).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("absolutePeriodsSeconds[1] must be a finite number of seconds > 0, was -1.0");
    }

    @Test
    void paperDefaultsHaveThePapersPeriods() {
        ModelSpec s = ModelSpec.paperDefaults();
        assertThat(s.absolutePeriodsSeconds()).hasSize(12).startsWith(900.0).endsWith(365 * 86400.0);
        double[] rel = s.relativePeriodsSeconds();
        assertThat(rel).hasSize(32);
        assertThat(rel[0]).isEqualTo(1.0);
        assertThat(rel[31]).isEqualTo(28 * 86400.0);
        for (int i = 1; i < rel.length - 1; i++) {
            // Log-spaced: equal ratios between neighbours.
            assertThat(rel[i + 1] / rel[i]).isCloseTo(rel[1] / rel[0], org.assertj.core.api.Assertions.within(1e-9));
        }
        assertThat(s.timeAngleCount()).isEqualTo(12 + 2 * 32);
        assertThat(s.inputSize()).isEqualTo(256 + 32 + 16 + 1 + 2 * 76 + 3);
        assertThat(ModelSpec.smallPreset().toBuilder().build()).isEqualTo(ModelSpec.smallPreset());
    }

    @Test
    void objectivesAndOptionsValidate() {
        assertThatThrownBy(() -> new DenseAllAction(-3, 8))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("windowDays must be > 0, was -3.0");
        assertThatThrownBy(() -> new AllAction(28, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("maxLabels must be > 0, was 0");
        assertThatThrownBy(() -> new NegativeSampling(0, 0, true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("at least one of inBatchCap and uniformNegatives must be > 0");
        assertThatThrownBy(() -> TrainingOptions.builder().learningRate(0).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessage("learningRate must be > 0, was 0.0");
        assertThat(Objective.paperDefault()).isEqualTo(new DenseAllAction(28, 32));
        assertThat(new AllAction().maxLabels()).isEqualTo(32);
        assertThat(TrainingOptions.defaults().toBuilder().seed(7).build().seed()).isEqualTo(7);
    }

    @Test
    void batchesRefuseNonFiniteValuesAndWrongLengths() {
        float[] vectors = new float[2 * 3 * 4];
        vectors[5] = Float.NaN;
        assertThatThrownBy(() -> new SequenceBatch(2, 3, 4, 1, vectors, new int[6], new int[6], new int[6],
                new float[6], new float[6], new float[18], new float[6]))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("itemVectors[5] must be finite, was NaN");
        assertThatThrownBy(() -> new SequenceBatch(2, 3, 4, 1, new float[24], new int[5], new int[6], new int[6],
                new float[6], new float[6], new float[18], new float[6]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("itemBuckets must hold 6 values for this batch's shape, held 5");
        float[] mask = {0, 0, 1, 0.5f, 1, 1};
        assertThatThrownBy(() -> new SequenceBatch(2, 3, 4, 1, new float[24], new int[6], new int[6], new int[6],
                new float[6], new float[6], new float[18], mask))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("validMask[3] must be 0 or 1, was 0.5");
    }

    @Test
    void trainingBatchRefusesPairsOnPadding() {
        float[] mask = {0, 1, 1, 1};
        SequenceBatch s = new SequenceBatch(2, 2, 1, 0, new float[4], new int[4], new int[4], new int[4],
                new float[4], new float[0], new float[12], mask);
        ItemBatch pos = new ItemBatch(2, 1, new float[2], new int[2]);
        ItemBatch neg = new ItemBatch(0, 1, new float[0], new int[0]);
        assertThatThrownBy(() -> new TrainingBatch(s, new int[] {0, 3}, new int[] {0, 1}, new float[] {.5f, .5f},
                pos, new float[2], new float[] {0, 1, 1, 0}, neg, new float[0], new float[0]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("pairPosition[0] = 0 points at a padded position");
        assertThatThrownBy(() -> new TrainingBatch(s, new int[] {1, 1}, new int[] {0, 1}, new float[] {.5f, .5f},
                pos, new float[2], new float[] {0, 1, 1, 0}, neg, new float[0], new float[0]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("pairPosition[1] = 1 is not a position of sequence 1");
        assertThatThrownBy(() -> new TrainingBatch(s, new int[] {1, 3}, new int[] {0, 1}, new float[] {.5f, .5f},
                pos, new float[2], new float[] {0, 1, 1, 1}, neg, new float[0], new float[0]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("positiveCandidates[1, 1] must be 0: pair 1 belongs to sequence 1");
        assertThatThrownBy(() -> new TrainingBatch(s, new int[] {1, 3}, new int[] {0, 1}, new float[] {.5f, .5f},
                pos, new float[2], new float[] {0, 1, 1, 0}, neg, new float[0], new float[1]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("negativeCandidates must hold 0 values for this batch's shape, held 1");
        TrainingBatch ok = new TrainingBatch(s, new int[] {1, 3}, new int[] {0, 1}, new float[] {.5f, .5f},
                pos, new float[2], new float[] {0, 1, 1, 0}, neg, new float[0], new float[0]);
        assertThat(ok.pairCount()).isEqualTo(2);
        assertThat(ok.sequences().validLength(0)).isEqualTo(1);
    }

    @Test
    void tensorsAndOptionsCopyAndValidate() {
        float[] data = {1, 2, 3, 4, 5, 6};
        FloatTensor t = new FloatTensor(new int[] {2, 3}, data);
        data[0] = 99;
        assertThat(t.get(0)).isEqualTo(1f);
        assertThatThrownBy(() -> new FloatTensor(new int[] {4, 2}, new float[6]))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("shape [4, 2] holds 8 values, but 6 were given");
        assertThatThrownBy(() -> t.data().put(0, 1f)).isInstanceOf(java.nio.ReadOnlyBufferException.class);
        assertThatThrownBy(() -> new BackendOptions(Device.CPU, -1, Optional.empty(), Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("threads must be >= 0, was -1");
        assertThat(BackendOptions.defaults().withThreads(1).threads()).isEqualTo(1);
    }

    @Test
    void inputFormatExceptionNamesFileLineAndField() {
        InputFormatException e = new InputFormatException("ratings.csv", 17, "rating", "is not a number: 'abc'");
        assertThat(e).hasMessage("ratings.csv, line 17, field 'rating': is not a number: 'abc'");
        assertThat(e.line()).isEqualTo(17);
        assertThat(new InputFormatException("empty.csv", 0, "", "is empty")).hasMessage("empty.csv: is empty");
    }
}
