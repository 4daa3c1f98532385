package org.pinnerformer.backend.djl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.pinnerformer.api.Backends;
import org.pinnerformer.api.Checkpoint;
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
import org.pinnerformer.core.model.GraphInterpreter;
import org.pinnerformer.core.model.GraphNames;
import org.pinnerformer.core.model.ModelInitializer;
import org.pinnerformer.core.model.ModelInputs;
import org.pinnerformer.core.model.ModelParameters;
import org.pinnerformer.core.model.PinnerFormerGraphs;
import org.pinnerformer.core.sampling.TrainingBatchSource;
import org.pinnerformer.spi.Backend;
import org.pinnerformer.spi.BackendOptions;
import org.pinnerformer.spi.ItemEncoder;
import org.pinnerformer.spi.Trainer;
import org.pinnerformer.spi.UserEncoder;
import org.pinnerformer.testkit.SyntheticActivity;
import org.pinnerformer.testkit.SyntheticConfig;

/** The lowered graphs against core's Java interpreter, and training that learns and round-trips. */
class DjlConformanceTest {
    private static SyntheticActivity activity;
    private static Timelines timelines;
    private static ItemCatalog catalog;
    private static Backend djl;
    private static Backend java;

    @BeforeAll
    static void setUp() {
        activity = new SyntheticActivity(SyntheticConfig.of(120, 400, 7));
        timelines = activity.timelines();
        catalog = activity.catalog();
        djl = Backends.discover().create("djl", BackendOptions.defaults().withThreads(2));
        java = Backends.discover().create("java", BackendOptions.defaults().withThreads(1));
    }

    @AfterAll
    static void tearDown() {
        djl.close();
        java.close();
    }

    static List<ModelSpec> specs() {
        ModelSpec tiny = ModelSpec.builder().itemVectorSize(64).actionEmbeddingSize(4).surfaceEmbeddingSize(3)
                .hiddenSize(16).layers(2).heads(2).maxSequenceLength(24).outputSize(8).itemIdHashBuckets(32)
                .build();
        ModelSpec bare = tiny.toBuilder().timeFeatures(false).durationFeature(false).positionEmbedding(false)
                .itemIdHashBuckets(0).layers(1).build();
        return List.of(ModelSpec.smallPreset(), tiny, bare);
    }

    private static Checkpoint checkpoint(ModelSpec spec, long seed) {
        return ModelInitializer.initialize(spec, SyntheticActivity.ACTION_TYPES, SyntheticActivity.SURFACES, seed);
    }

    private static InferenceBatch users(ModelSpec spec, int from, int count) {
        SequenceFeatures features = new SequenceFeatures(spec, timelines, catalog);
        return InferenceBatches.latest(features, IntStream.range(from, from + count).toArray());
    }

    private static ItemBatch items(ModelSpec spec, int count) {
        return ItemBatches.range(catalog, ItemBuckets.of(catalog, spec.itemIdHashBuckets()), 0, count);
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
    void encodingsMatchTheJavaInterpreter(ModelSpec spec) {
        Checkpoint model = checkpoint(spec, 11);
        InferenceBatch batch = users(spec, 0, 37);
        try (UserEncoder d = djl.userEncoder(model); UserEncoder j = java.userEncoder(model);
                ItemEncoder di = djl.itemEncoder(model); ItemEncoder ji = java.itemEncoder(model)) {
            assertThat(maxAbsDiff(d.encode(batch), j.encode(batch))).isLessThan(1e-5f);
            float[] all = d.encodeAllPositions(batch);
            float[] reference = j.encodeAllPositions(batch);
            int t = batch.sequences().length();
            int dim = spec.outputSize();
            float[] valid = new float[batch.size() * t];
            batch.sequences().validMask().get(valid);
            for (int i = 0; i < valid.length; i++) {
                if (valid[i] == 1f) {
                    float[] a = Arrays.copyOfRange(all, i * dim, (i + 1) * dim);
                    float[] r = Arrays.copyOfRange(reference, i * dim, (i + 1) * dim);
                    assertThat(maxAbsDiff(a, r)).as("position %d", i).isLessThan(1e-5f);
                }
            }
            ItemBatch itemBatch = items(spec, 300);
            assertThat(maxAbsDiff(di.encode(itemBatch), ji.encode(itemBatch))).isLessThan(1e-5f);
        }
    }

    private static TrainingOptions options(int steps) {
        return TrainingOptions.builder().batchSize(16).steps(steps).warmupSteps(0).learningRate(3e-3).seed(3)
                .build();
    }

    private static Iterator<TrainingBatch> batches(ModelSpec spec, TrainingOptions options) {
        int[] all = IntStream.range(0, timelines.userCount()).toArray();
        return new TrainingBatchSource(timelines, catalog, spec, options, all).iterator();
    }

    @ParameterizedTest
    @MethodSource("specs")
    void theFirstLossEqualsTheInterpretedLossGraph(ModelSpec spec) {
        Checkpoint model = checkpoint(spec, 5);
        TrainingOptions options = options(10);
        TrainingBatch batch = batches(spec, options).next();
        GraphInterpreter reference = new GraphInterpreter(PinnerFormerGraphs.loss(ModelParameters.of(model)),
                model.tensors());
        float expected = reference.run(ModelInputs.training(spec, batch)).get(GraphNames.LOSS).get(0);
        try (Trainer trainer = djl.trainer(model, options)) {
            float loss = trainer.step(batch);
            assertThat(Math.abs(loss - expected)).isLessThan(1e-4f * Math.max(1, Math.abs(expected)));
            assertThat(trainer.steps()).isEqualTo(1);
        }
    }

    @Test
    void trainingLowersTheLossAndTheCheckpointRoundTrips(@TempDir Path dir) throws IOException {
        ModelSpec spec = specs().get(1);
        Checkpoint model = checkpoint(spec, 9);
        TrainingOptions options = options(40);
        Iterator<TrainingBatch> source = batches(spec, options);
        List<TrainingBatch> fixed = List.of(source.next(), source.next());
        float first;
        float last = 0;
        Checkpoint trained;
        try (Trainer trainer = djl.trainer(model, options)) {
            first = (trainer.step(fixed.get(0)) + trainer.step(fixed.get(1))) / 2;
            for (int i = 0; i < 19; i++) {
                last = (trainer.step(fixed.get(0)) + trainer.step(fixed.get(1))) / 2;
            }
            trained = trainer.checkpoint();
            assertThat(trained.metadata()).containsEntry("training.steps", "40");
        }
        assertThat(last).as("mean loss after 40 steps on two fixed batches").isLessThan(0.8f * first);
        assertThat(trained.tensors().keySet()).isEqualTo(model.tensors().keySet());
        assertThat(trained.tensor("input_projection.weight")).isNotEqualTo(model.tensor("input_projection.weight"));

        Path file = dir.resolve("trained.safetensors");
        trained.write(file);
        assertThat(Files.size(file)).isPositive();
        Checkpoint read = Checkpoint.read(file);
        InferenceBatch batch = users(spec, 0, 20);
        try (UserEncoder a = djl.userEncoder(trained); UserEncoder b = djl.userEncoder(read);
                UserEncoder reference = java.userEncoder(read)) {
            float[] ea = a.encode(batch);
            assertThat(b.encode(batch)).containsExactly(ea);
            assertThat(maxAbsDiff(ea, reference.encode(batch))).isLessThan(1e-5f);
        }
    }

    @Test
    void theSameSeedGivesTheSameCheckpointOnCpu() {
        ModelSpec spec = specs().get(1);
        TrainingOptions options = options(6);
        Checkpoint[] trained = new Checkpoint[2];
        for (int run = 0; run < 2; run++) {
            Iterator<TrainingBatch> source = batches(spec, options);
            try (Trainer trainer = djl.trainer(checkpoint(spec, 4), options)) {
                for (int s = 0; s < 6; s++) {
                    trainer.step(source.next());
                }
                trained[run] = trainer.checkpoint();
            }
        }
        assertThat(trained[1].tensors()).isEqualTo(trained[0].tensors());
        assertThat(trained[1].id()).isEqualTo(trained[0].id());
    }

    @Test
    void closedEncodersAndTrainersRefuseWork() {
        ModelSpec spec = specs().get(2);
        Checkpoint model = checkpoint(spec, 1);
        UserEncoder encoder = djl.userEncoder(model);
        encoder.close();
        encoder.close();
        assertThatThrownBy(() -> encoder.encode(users(spec, 0, 2))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
        Trainer trainer = djl.trainer(model, options(5));
        trainer.close();
        assertThatThrownBy(trainer::checkpoint).isInstanceOf(IllegalStateException.class);
    }
}
