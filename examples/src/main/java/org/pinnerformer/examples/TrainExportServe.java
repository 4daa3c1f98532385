package org.pinnerformer.examples;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.LongStream;
import org.pinnerformer.api.DataSource;
import org.pinnerformer.api.Embeddings;
import org.pinnerformer.api.ItemIndex;
import org.pinnerformer.api.Model;
import org.pinnerformer.api.ModelSpec;
import org.pinnerformer.api.PinnerFormer;
import org.pinnerformer.api.ProgressListener;
import org.pinnerformer.api.objective.TrainingOptions;

/**
 * Train on one backend, serve on another: trains PinnerFormer with PyTorch (djl) on ml-latest-small through the front
 * door, exports the towers as ONNX files for any ONNX runtime, and opens the same bundle on ONNX Runtime (onnx) and
 * djl, printing the largest difference between their user embeddings and between their item search scores.
 *
 * <p>Arguments (all optional): the ml-latest-small directory (default {@code data/ml-latest-small}), training
 * steps (default 100), the output directory for the bundle ({@code model/}) and the ONNX files (default: a new
 * temporary directory).
 */
public final class TrainExportServe {
    private TrainExportServe() {
    }

    /** Runs the example; see the class comment for the arguments. */
    public static void main(String[] args) throws IOException {
        DataSource data = DataSource.movieLens(Path.of(args.length > 0 ? args[0] : "data/ml-latest-small"));
        int steps = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        Path out = args.length > 2 ? Path.of(args[2]) : Files.createTempDirectory("pinnerformer-onnx");
        PinnerFormer pinnerFormer = PinnerFormer.load();
        TrainingOptions training = TrainingOptions.builder().steps(steps).evaluateEvery(0).build();
        List<Long> users = LongStream.rangeClosed(1, 256).boxed().toList();
        try (Model djl = pinnerFormer.backend("djl").train(data, ModelSpec.smallPreset(), training,
                out.resolve("model"), ProgressListener.none());
                Model onnx = pinnerFormer.backend("onnx").open(djl.directory())) {
            System.out.printf(Locale.ROOT, "trained %d steps with %s: model %s%n", steps, djl.backend(), djl.id());

            djl.export("onnx", out).forEach(f -> System.out.println("exported " + f));

            Embeddings[] embeddings = {djl.embed(data, users), onnx.embed(data, users)};
            double userDiff = 0;
            double scoreDiff = 0;
            int searches = 0;
            try (ItemIndex djlItems = djl.buildIndex(); ItemIndex onnxItems = onnx.buildIndex()) {
                for (long user : users) {
                    float[] a = embeddings[0].vector(user);
                    float[] b = embeddings[1].vector(user);
                    for (int i = 0; i < a.length; i++) {
                        userDiff = Math.max(userDiff, Math.abs((double) a[i] - b[i]));
                    }
                    // The same query in both indexes: differences come from the item towers alone.
                    List<ItemIndex.Hit> x = djlItems.search(a, 10);
                    List<ItemIndex.Hit> y = onnxItems.search(a, 10);
                    for (int i = 0; i < x.size(); i++) {
                        scoreDiff = Math.max(scoreDiff, Math.abs((double) x.get(i).score() - y.get(i).score()));
                    }
                    searches++;
                }
                System.out.printf(Locale.ROOT, "max |djl - onnx|: %.3g over %d user embeddings, %.3g over the top-10"
                        + " scores of %d item searches in %d items%n", userDiff, users.size(), scoreDiff, searches,
                        djlItems.size());
            }
        }
    }
}
