package org.pinnerformer.backend.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pinnerformer.api.Backends;
import org.pinnerformer.api.Checkpoint;
import org.pinnerformer.api.InferenceBatch;
import org.pinnerformer.api.ItemBatch;
import org.pinnerformer.api.ModelSpec;
import org.pinnerformer.api.TrainingBatch;
import org.pinnerformer.api.objective.TrainingOptions;
import org.pinnerformer.core.data.ItemCatalog;
import org.pinnerformer.core.data.MovieLens;
import org.pinnerformer.core.data.Timelines;
import org.pinnerformer.core.features.ItemBuckets;
import org.pinnerformer.core.features.SequenceFeatures;
import org.pinnerformer.core.features.SequenceWindow;
import org.pinnerformer.model.ModelInitializer;
import org.pinnerformer.core.pipeline.Experiment;
import org.pinnerformer.core.pipeline.ExperimentOptions;
import org.pinnerformer.core.sampling.TrainingBatchSource;
import org.pinnerformer.spi.Backend;
import org.pinnerformer.spi.BackendOptions;
import org.pinnerformer.spi.ItemEncoder;
import org.pinnerformer.spi.Trainer;
import org.pinnerformer.spi.UserEncoder;

/**
 * One checkpoint, every backend, on real data: a small-preset model trained for a few steps with djl on
 * ml-latest-small, then real user histories truncated to EVERY length 1..M (two users per length) and the whole
 * catalogue encoded with djl, onnx and the java reference: user and item embeddings agree within 1e-4.
 */
class CrossBackendMovieLensTest {
    private static final double TOLERANCE = 1e-4;
    private static final Path DATA = Path.of(System.getProperty("basedir", ".")).resolve("../data/ml-latest-small")
            .normalize();

    @Test
    void aDjlTrainedCheckpointEncodesRealSequencesOfEveryLengthAlikeOnEveryBackend() {
        assertThat(Files.isDirectory(DATA)).as("the bundled ml-latest-small at %s", DATA).isTrue();
        ModelSpec spec = ModelSpec.smallPreset();
        Experiment e = Experiment.prepare(MovieLens.latestSmall(DATA), spec, ExperimentOptions.defaults(7));
        Timelines timelines = e.dataset().timelines();
        ItemCatalog catalog = e.dataset().catalog();
        TrainingOptions options = TrainingOptions.builder().batchSize(32).steps(8).warmupSteps(0).learningRate(3e-3)
                .seed(7).build();
        Checkpoint initial = ModelInitializer.initialize(spec, e.dataset().actionTypes(), e.dataset().surfaces(), 7);
        Map<String, Backend> backends = new LinkedHashMap<>();
        try {
            for (String name : List.of("djl", "onnx", "java")) {
                backends.put(name, Backends.discover().create(name, BackendOptions.defaults().withThreads(2)));
            }
            Checkpoint trained;
            Iterator<TrainingBatch> source = new TrainingBatchSource(e.trainingTimelines(), catalog, spec, options,
                    e.trainUsers()).iterator();
            try (Trainer trainer = backends.get("djl").trainer(initial, options)) {
                for (int s = 0; s < options.steps(); s++) {
                    assertThat(trainer.step(source.next())).isFinite();
                }
                trained = trainer.checkpoint();
            }
            assertThat(trained.tensor("input_projection.weight"))
                    .isNotEqualTo(initial.tensor("input_projection.weight"));

            InferenceBatch users = everyLength(new SequenceFeatures(spec, timelines, catalog), spec);
            ItemBatch items = allItems(catalog, spec);
            Map<String, float[]> userEmbeddings = new LinkedHashMap<>();
            Map<String, float[]> itemEmbeddings = new LinkedHashMap<>();
            for (Map.Entry<String, Backend> b : backends.entrySet()) {
                try (UserEncoder u = b.getValue().userEncoder(trained);
                        ItemEncoder i = b.getValue().itemEncoder(trained)) {
                    userEmbeddings.put(b.getKey(), u.encode(users));
                    itemEmbeddings.put(b.getKey(), i.encode(items));
                }
            }
            for (String[] pair : new String[][] {{"djl", "onnx"}, {"djl", "java"}, {"onnx", "java"}}) {
                double du = maxAbsDiff(userEmbeddings.get(pair[0]), userEmbeddings.get(pair[1]));
                double di = maxAbsDiff(itemEmbeddings.get(pair[0]), itemEmbeddings.get(pair[1]));
                System.out.printf(Locale.ROOT, "ml-latest-small, %d users (lengths 1..%d), %d items: %s vs %s max abs"
                        + " diff users %.3g, items %.3g%n", users.size(), spec.maxSequenceLength(), items.count(),
                        pair[0], pair[1], du, di);
                assertThat(du).as("users, %s vs %s", pair[0], pair[1]).isLessThanOrEqualTo(TOLERANCE);
                assertThat(di).as("items, %s vs %s", pair[0], pair[1]).isLessThanOrEqualTo(TOLERANCE);
            }
        } finally {
            backends.values().forEach(Backend::close);
        }
    }

    /** For each length n in 1..M, two users with at least n actions, each cut to the n actions ending mid-history. */
    private static InferenceBatch everyLength(SequenceFeatures features, ModelSpec spec) {
        Timelines t = features.timelines();
        List<SequenceWindow> windows = new ArrayList<>();
        List<Long> ids = new ArrayList<>();
        int next = 0;
        for (int n = 1; n <= spec.maxSequenceLength(); n++) {
            for (int found = 0; found < 2; next = (next + 1) % t.userCount()) {
                if (t.length(next) >= n + 1) {
                    int end = t.start(next) + n + (t.length(next) - n) / 2;
                    windows.add(new SequenceWindow(next, end - n, end));
                    ids.add(t.userId(next));
                    found++;
                }
            }
        }
        return new InferenceBatch(features.build(windows), ids.stream().mapToLong(Long::longValue).toArray());
    }

    private static ItemBatch allItems(ItemCatalog catalog, ModelSpec spec) {
        ItemBuckets buckets = ItemBuckets.of(catalog, spec.itemIdHashBuckets());
        int n = catalog.size();
        int f = catalog.vectorSize();
        float[] vectors = new float[n * f];
        int[] b = new int[n];
        for (int i = 0; i < n; i++) {
            catalog.copyVector(i, vectors, i * f);
            b[i] = buckets.bucketOf(i);
        }
        return new ItemBatch(n, f, vectors, b);
    }

    private static double maxAbsDiff(float[] a, float[] b) {
        assertThat(a).hasSameSizeAs(b);
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs((double) a[i] - b[i]));
        }
        return max;
    }
}
