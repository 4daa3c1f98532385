package org.pinnerformer.backend.tf;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.pinnerformer.api.Backends;
import org.pinnerformer.api.Checkpoint;
import org.pinnerformer.api.FloatTensor;
import org.pinnerformer.api.InferenceBatch;
import org.pinnerformer.api.ItemBatch;
import org.pinnerformer.api.ModelSpec;
import org.pinnerformer.api.TrainingBatch;
import org.pinnerformer.api.objective.TrainingOptions;
import org.pinnerformer.core.data.ItemCatalog;
import org.pinnerformer.core.data.Timelines;
import org.pinnerformer.core.features.InferenceBatches;
import org.pinnerformer.core.features.ItemBatches;
import org.pinnerformer.core.features.ItemBuckets;
import org.pinnerformer.core.features.SequenceFeatures;
import org.pinnerformer.model.ModelInitializer;
import org.pinnerformer.core.sampling.TrainingBatchSource;
import org.pinnerformer.spi.Backend;
import org.pinnerformer.spi.BackendOptions;
import org.pinnerformer.spi.ItemEncoder;
import org.pinnerformer.spi.Trainer;
import org.pinnerformer.spi.UserEncoder;
import org.pinnerformer.testkit.SyntheticActivity;
import org.pinnerformer.testkit.SyntheticConfig;
import org.pinnerformer.testkit.conformance.BackendConformanceTest;

/**
 * tf against the other engines: one checkpoint encodes alike on tf, djl (libtorch) and onnx (ONNX Runtime), and
 * training from one initial checkpoint on the same batches follows djl's losses and parameters step by step (same
 * AdamW, schedule, decay and clipping).
 */
class TfCrossBackendTest {
    private static final float ENCODING_TOLERANCE = 1e-4f;
    private static SyntheticActivity activity;
    private static Timelines timelines;
    private static ItemCatalog catalog;
    private static Backend tf;
    private static Backend djl;
    private static Backend onnx;

    @BeforeAll
    static void setUp() {
        activity = new SyntheticActivity(SyntheticConfig.of(120, 400, 7));
        timelines = activity.timelines();
        catalog = activity.catalog();
        BackendOptions options = BackendOptions.defaults().withThreads(2);
        tf = Backends.discover().create("tf", options);
        djl = Backends.discover().create("djl", options);
        onnx = Backends.discover().create("onnx", options);
    }

    @AfterAll
    static void tearDown() {
        tf.close();
        djl.close();
        onnx.close();
    }

    private static Checkpoint checkpoint(ModelSpec spec, long seed) {
        return ModelInitializer.initialize(spec, SyntheticActivity.ACTION_TYPES, SyntheticActivity.SURFACES, seed);
    }

    private static float maxAbsDiff(float[] a, float[] b) {
        assertThat(a).hasSameSizeAs(b);
        float max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return max;
    }

    @ParameterizedTest
    @MethodSource("specs")
    void oneCheckpointEncodesAlikeOnTfDjlAndOnnx(ModelSpec spec) {
        Checkpoint model = BackendConformanceTest.withNoise(checkpoint(spec, 21), 22);
        InferenceBatch users = InferenceBatches.latest(new SequenceFeatures(spec, timelines, catalog),
                IntStream.range(0, 41).toArray());
        ItemBatch items = ItemBatches.range(catalog, ItemBuckets.of(catalog, spec.itemIdHashBuckets()), 0, 250);
        try (UserEncoder t = tf.userEncoder(model); ItemEncoder ti = tf.itemEncoder(model)) {
            float[] newest = t.encode(users);
            float[] items1 = ti.encode(items);
            for (Backend other : List.of(djl, onnx)) {
                try (UserEncoder o = other.userEncoder(model); ItemEncoder oi = other.itemEncoder(model)) {
                    assertThat(maxAbsDiff(newest, o.encode(users))).as("user, %s", other.name())
                            .isLessThan(ENCODING_TOLERANCE);
                    assertThat(maxAbsDiff(items1, oi.encode(items))).as("items, %s", other.name())
                            .isLessThan(ENCODING_TOLERANCE);
                }
            }
        }
    }

    private static float maxAbsDiff(Checkpoint a, Checkpoint b) {
        float max = 0;
        for (String name : a.tensors().keySet()) {
            FloatTensor x = a.tensor(name);
            FloatTensor y = b.tensor(name);
            float[] xs = new float[x.size()];
            float[] ys = new float[y.size()];
            x.data().duplicate().get(xs);
            y.data().duplicate().get(ys);
            max = Math.max(max, maxAbsDiff(xs, ys));
        }
        return max;
    }

    @Test
    void trainingFollowsDjlStepByStep() {
        ModelSpec spec = specs().get(1);
        Checkpoint initial = checkpoint(spec, 31);
        // warm-up, decay and a clip small enough to bind: every part of the update is exercised
        TrainingOptions options = TrainingOptions.builder().batchSize(16).steps(8).warmupSteps(3).learningRate(1e-2)
                .weightDecay(0.5).gradientClipNorm(0.5).seed(5).build();
        Iterator<TrainingBatch> source = new TrainingBatchSource(timelines, catalog, spec, options,
                IntStream.range(0, timelines.userCount()).toArray()).iterator();
        List<TrainingBatch> batches = new ArrayList<>();
        for (int i = 0; i < options.steps(); i++) {
            batches.add(source.next());
        }
        float[] tfLosses = new float[batches.size()];
        float[] djlLosses = new float[batches.size()];
        Checkpoint tfTrained;
        Checkpoint djlTrained;
        try (Trainer a = tf.trainer(initial, options); Trainer b = djl.trainer(initial, options)) {
            for (int i = 0; i < batches.size(); i++) {
                tfLosses[i] = a.step(batches.get(i));
                djlLosses[i] = b.step(batches.get(i));
            }
            tfTrained = a.checkpoint();
            djlTrained = b.checkpoint();
        }
        assertThat(Math.abs(tfLosses[0] - djlLosses[0])).as("first loss %s vs %s", tfLosses[0], djlLosses[0])
                .isLessThan(1e-4f * Math.max(1, Math.abs(djlLosses[0])));
        for (int i = 1; i < batches.size(); i++) {
            assertThat(Math.abs(tfLosses[i] - djlLosses[i])).as("loss of step %d: %s vs %s", i + 1, tfLosses[i],
                    djlLosses[i]).isLessThan(1e-3f * Math.max(1, Math.abs(djlLosses[i])));
        }
        assertThat(maxAbsDiff(tfTrained, djlTrained)).as("parameters after %d steps", batches.size())
                .isLessThan(1e-3f);
        assertThat(maxAbsDiff(tfTrained, initial)).as("the parameters moved").isGreaterThan(1e-3f);
    }

    static List<ModelSpec> specs() {
        ModelSpec tiny = ModelSpec.builder().itemVectorSize(64).actionEmbeddingSize(4).surfaceEmbeddingSize(3)
                .hiddenSize(16).layers(2).heads(2).maxSequenceLength(24).outputSize(8).itemIdHashBuckets(32)
                .build();
        ModelSpec bare = tiny.toBuilder().timeFeatures(false).durationFeature(false).positionEmbedding(false)
                .itemIdHashBuckets(0).layers(1).build();
        return List.of(ModelSpec.smallPreset(), tiny, bare);
    }
}
