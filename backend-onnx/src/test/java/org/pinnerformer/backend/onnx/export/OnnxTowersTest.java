package org.pinnerformer.backend.onnx.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.pinnerformer.api.Checkpoint;
import org.pinnerformer.api.FloatTensor;
import org.pinnerformer.api.ModelSpec;
import org.pinnerformer.api.SequenceBatch;
import org.pinnerformer.backend.onnx.Batches;
import org.pinnerformer.model.GraphNames;
import org.pinnerformer.model.ModelInitializer;
import org.pinnerformer.model.ModelInput;
import org.pinnerformer.model.ModelInputs;
import org.pinnerformer.model.ModelParameters;
import org.pinnerformer.model.PinnerFormerGraphs;

/**
 * The PinnerFormer towers exported to ONNX give the interpreter's embeddings within 1e-5 max abs difference, for
 * several batch sizes and sequence lengths with left padding, on the reference size and on tiny specs with every
 * feature switch on and off.
 */
class OnnxTowersTest {
    private static final double TOLERANCE = 1e-5;

    private static ModelSpec tiny() {
        return ModelSpec.builder().itemVectorSize(6).actionEmbeddingSize(3).surfaceEmbeddingSize(2).hiddenSize(8)
                .layers(2).heads(2).maxSequenceLength(12).outputSize(4).itemIdHashBuckets(5)
                .absolutePeriodsSeconds(3600, 86400).relativePeriodsSeconds(60, 3600).build();
    }

    static Stream<Arguments> specs() {
        ModelSpec t = tiny();
        return Stream.of(
                Arguments.of("smallPreset", ModelSpec.smallPreset()),
                Arguments.of("tiny, every feature on", t),
                Arguments.of("tiny, every feature off", t.toBuilder().actionEmbeddingSize(0).surfaceEmbeddingSize(0)
                        .itemIdHashBuckets(0).timeFeatures(false).durationFeature(false).positionEmbedding(false)
                        .build()),
                Arguments.of("tiny, no time features", t.toBuilder().timeFeatures(false).build()),
                Arguments.of("tiny, no duration, no position", t.toBuilder().durationFeature(false)
                        .positionEmbedding(false).build()),
                Arguments.of("tiny, no action/surface embeddings", t.toBuilder().actionEmbeddingSize(0)
                        .surfaceEmbeddingSize(0).build()),
                Arguments.of("tiny, one layer, four heads", t.toBuilder().layers(1).heads(4).build()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("specs")
    void userAndItemTowersMatchTheInterpreter(String name, ModelSpec spec) {
        Checkpoint ck = ModelInitializer.initialize(spec, Batches.ACTIONS, Batches.SURFACES, 3);
        ModelParameters p = ModelParameters.of(ck);
        Map<String, FloatTensor> w = ck.tensors();
        SplittableRandom r = new SplittableRandom(5);
        int[][] sizes = spec.maxSequenceLength() > 16 ? new int[][] {{1, 1}, {4, 17}, {9, 64}}
                : new int[][] {{1, 1}, {3, 5}, {7, 12}};
        for (int[] bt : sizes) {
            int b = bt[0];
            int t = bt[1];
            SequenceBatch batch = Batches.sequences(spec, b, t, new int[] {t, 1, Math.max(1, t / 2), 0}, r);
            List<ModelInput> in = ModelInputs.sequences(spec, batch);
            OrtCheck.assertMatches(PinnerFormerGraphs.userTower(p), w, in, TOLERANCE);
            OrtCheck.assertMatches(PinnerFormerGraphs.userTowerNewest(p), w, in, TOLERANCE);
            OrtCheck.assertMatches(PinnerFormerGraphs.itemTower(p), w, ModelInputs.items(spec,
                    Batches.items(spec, b * 3, r)), TOLERANCE);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("specs")
    void newestOnlyTowerEqualsTheFullTowersLastPosition(String name, ModelSpec spec) {
        Checkpoint ck = ModelInitializer.initialize(spec, Batches.ACTIONS, Batches.SURFACES, 4);
        int b = 5;
        int t = Math.min(9, spec.maxSequenceLength());
        List<ModelInput> in = ModelInputs.sequences(spec, Batches.sequences(spec, b, t, new int[] {t, 2, 4},
                new SplittableRandom(6)));
        float[] all = OrtCheck.run(OnnxExport.userTower(ck), in).get(GraphNames.USER_EMBEDDINGS);
        float[] newest = OrtCheck.run(OnnxExport.userTowerNewest(ck), in).get(GraphNames.USER_EMBEDDING);
        int d = spec.outputSize();
        float[] last = new float[b * d];
        for (int i = 0; i < b; i++) {
            System.arraycopy(all, ((i * t) + t - 1) * d, last, i * d, d);
        }
        assertThat(OrtCheck.maxAbsDiff(newest, last)).isLessThanOrEqualTo(TOLERANCE);
    }
}
