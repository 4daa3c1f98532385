package org.pinnerformer.examples;

import java.nio.file.Path;
import java.util.Locale;
import org.pinnerformer.api.ModelSpec;
import org.pinnerformer.api.ProgressListener;
import org.pinnerformer.api.objective.DenseAllAction;
import org.pinnerformer.api.objective.TrainingOptions;
import org.pinnerformer.core.data.Dataset;
import org.pinnerformer.core.data.MovieLens;
import org.pinnerformer.core.pipeline.Experiment;
import org.pinnerformer.core.pipeline.ExperimentOptions;
import org.pinnerformer.core.pipeline.ExperimentResult;
import org.pinnerformer.core.train.TrainingListener;
import org.pinnerformer.core.train.ValidationPoint;

/**
 * The quick start through the API: train PinnerFormer with the dense all-action objective on MovieLens
 * (ml-latest-small), evaluate it next to the baselines on users it never saw, and print the table.
 *
 * <p>Arguments (all optional): the ml-latest-small directory, training steps (default 300). For an application's
 * training use the front door ({@link QuickStart}); {@code Experiment} is for experiments that compare methods.
 * The data folder defaults to the bundled {@code data/ml-latest-small}; a training backend (for example
 * {@code backend-djl}) must be on the module path or class path.
 */
public final class TrainAndEvaluate {
    private TrainAndEvaluate() {
    }

    /** Runs the example; returns the result so that tests can check it. */
    public static ExperimentResult run(Path movieLens, int steps, long seed) {
        // 1. Read the actions and items; item content vectors are learned later, from the training period only.
        Dataset movies = MovieLens.latestSmall(movieLens);
        System.out.println(movies.report().summary());

        // 2. Split users into training, validation and evaluation users (evaluation users are never trained on).
        Experiment experiment = Experiment.prepare(movies, ModelSpec.smallPreset(), ExperimentOptions.defaults(seed));

        // 3. Train with the paper's default objective: each sampled position predicts a random positive
        //    engagement from the 28 days after it. Validation recall picks the best checkpoint.
        TrainingOptions training = TrainingOptions.builder().seed(seed)
                .objective(new DenseAllAction(28, 8)).steps(steps).evaluateEvery(Math.max(1, steps / 6)).build();
        TrainingListener progress = new TrainingListener() {
            @Override
            public void validated(ValidationPoint p, boolean best) {
                System.out.printf(Locale.ROOT, "step %4d  loss %.3f  validation recall@10 %.4f%s%n", p.step(),
                        p.meanLoss(), p.score(), best ? "  (best)" : "");
            }
        };

        // 4. Any backend that can train and infer: found through ServiceLoader (djl when it is present;
        //    -Dpinnerformer.backend=NAME chooses another).
        ExperimentResult result = experiment.run(training, progress, ProgressListener.none());
        // 5. The model's row and the baselines', computed by the same evaluation code.
        System.out.println(result.markdown());
        return result;
    }

    /** Entry point: {@code [MOVIELENS_DIR] [STEPS]}. */
    public static void main(String[] args) {
        Path dir = Path.of(args.length > 0 ? args[0] : "data/ml-latest-small");
        int steps = args.length > 1 ? Integer.parseInt(args[1]) : 300;
        run(dir, steps, 42);
    }
}
