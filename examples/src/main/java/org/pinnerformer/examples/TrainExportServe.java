package org.pinnerformer.examples;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import org.pinnerformer.api.Backends;
import org.pinnerformer.api.Checkpoint;
import org.pinnerformer.api.InferenceBatch;
import org.pinnerformer.api.ModelSpec;
import org.pinnerformer.api.objective.TrainingOptions;
import org.pinnerformer.core.data.ItemVectors;
import org.pinnerformer.core.data.MovieLens;
import org.pinnerformer.core.features.InferenceBatches;
import org.pinnerformer.core.features.SequenceFeatures;
import org.pinnerformer.core.pipeline.Experiment;
import org.pinnerformer.core.pipeline.ExperimentOptions;
import org.pinnerformer.core.retrieval.ItemEmbeddings;
import org.pinnerformer.core.train.TrainingListener;
import org.pinnerformer.spi.Backend;
import org.pinnerformer.spi.BackendOptions;
import org.pinnerformer.spi.ItemEncoder;
import org.pinnerformer.spi.ModelExporter;
import org.pinnerformer.spi.UserEncoder;

/**
 * Train on one backend, serve on another: trains PinnerFormer with PyTorch (djl) on ml-latest-small, exports the
 * towers as ONNX files for any ONNX runtime, and embeds users and items with ONNX Runtime (onnx) and djl from the
 * same checkpoint, printing the largest difference.
 *
 * <p>Arguments (all optional): the ml-latest-small directory (default {@code data/ml-latest-small}), training
 * steps (default 100), the export directory (default: a new temporary directory).
 */
public final class TrainExportServe {
    private TrainExportServe() {
    }

    /** Runs the example; see the class comment for the arguments. */
    public static void main(String[] args) throws IOException {
        Path data = Path.of(args.length > 0 ? args[0] : "data/ml-latest-small");
        int steps = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        Path out = args.length > 2 ? Path.of(args[2]) : Files.createTempDirectory("pinnerformer-onnx");
        ModelSpec spec = ModelSpec.smallPreset();
        Experiment experiment = Experiment.prepare(MovieLens.latestSmall(data), spec, ExperimentOptions.defaults(42));
        TrainingOptions training = TrainingOptions.builder().batchSize(64).steps(steps).warmupSteps(steps / 10)
                .evaluateEvery(0).seed(42).build();
        try (Backend djl = Backends.discover().create("djl", BackendOptions.defaults());
                Backend onnx = Backends.discover().create("onnx", BackendOptions.defaults())) {
            Checkpoint model = experiment.train(djl, training, TrainingListener.none()).best();
            System.out.printf(Locale.ROOT, "trained %d steps with %s%n", steps, djl.name());

            List<Path> files = ModelExporter.find("onnx").orElseThrow().export(model, out);
            files.forEach(f -> System.out.println("exported " + f));

            SequenceFeatures features = new SequenceFeatures(spec, experiment.dataset().timelines(),
                    experiment.dataset().catalog());
            int users = Math.min(256, experiment.dataset().timelines().userCount());
            InferenceBatch batch = InferenceBatches.latest(features, IntStream.range(0, users).toArray());
            float[][] userEmbeddings = new float[2][];
            ItemVectors[] itemEmbeddings = new ItemVectors[2];
            Backend[] backends = {djl, onnx};
            for (int i = 0; i < 2; i++) {
                try (UserEncoder u = backends[i].userEncoder(model); ItemEncoder e = backends[i].itemEncoder(model)) {
                    userEmbeddings[i] = u.encode(batch);
                    itemEmbeddings[i] = ItemEmbeddings.encode(e, experiment.dataset().catalog(), spec, 1024);
                }
            }
            double users0 = maxAbsDiff(userEmbeddings[0], userEmbeddings[1]);
            double items0 = 0;
            for (int i = 0; i < itemEmbeddings[0].size(); i++) {
                items0 = Math.max(items0, maxAbsDiff(itemEmbeddings[0].vector(i), itemEmbeddings[1].vector(i)));
            }
            System.out.printf(Locale.ROOT, "max |djl - onnx|: %.3g over %d user embeddings, %.3g over %d item"
                    + " embeddings%n", users0, users, items0, itemEmbeddings[0].size());
        }
    }

    private static double maxAbsDiff(float[] a, float[] b) {
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs((double) a[i] - b[i]));
        }
        return max;
    }
}
