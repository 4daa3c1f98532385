package org.pinnerformer.examples;

import java.nio.file.Path;
import java.util.List;
import org.pinnerformer.api.DataSource;
import org.pinnerformer.api.Embeddings;
import org.pinnerformer.api.ItemIndex;
import org.pinnerformer.api.Model;
import org.pinnerformer.api.ModelSpec;
import org.pinnerformer.api.PinnerFormer;
import org.pinnerformer.api.ProgressListener;
import org.pinnerformer.api.Recommender;
import org.pinnerformer.api.objective.TrainingOptions;

/**
 * The README's first example, through the front door: train a model bundle on MovieLens, embed users by their ids,
 * index every item and recommend. A training backend (for example {@code pinnerformer-backend-djl}) must be on the
 * path.
 *
 * <p>Arguments (all optional): the ml-latest-small directory (default {@code data/ml-latest-small}), the bundle
 * directory to create (default {@code model}), training steps (default {@value TrainingOptions#DEFAULT_STEPS}).
 */
public final class QuickStart {
    private QuickStart() {
    }

    /** Trains, embeds users 1, 2 and 3, and prints and returns user 1's top 10 items. */
    public static List<ItemIndex.Hit> trainEmbedRecommend(Path movies, Path bundle, int steps) {
        PinnerFormer pinnerFormer = PinnerFormer.load();
        DataSource data = DataSource.movieLens(movies);
        TrainingOptions options = TrainingOptions.builder().steps(steps).build();
        try (Model model = pinnerFormer.train(data, ModelSpec.smallPreset(), options, bundle, ProgressListener.none());
                ItemIndex items = model.buildIndex()) {
            Embeddings users = model.embed(data, List.of(1L, 2L, 3L));
            try (Recommender recommender = model.recommender(users, items)) {
                List<ItemIndex.Hit> top = recommender.recommend(1L, 10).orElseThrow();
                top.forEach(hit -> System.out.printf("item %d  score %.3f%n", hit.itemId(), hit.score()));
                return top;
            }
        }
    }

    /** Entry point: {@code [MOVIELENS_DIR] [BUNDLE_DIR] [STEPS]}. */
    public static void main(String[] args) {
        Path movies = Path.of(args.length > 0 ? args[0] : "data/ml-latest-small");
        Path bundle = Path.of(args.length > 1 ? args[1] : "model");
        int steps = args.length > 2 ? Integer.parseInt(args[2]) : TrainingOptions.DEFAULT_STEPS;
        trainEmbedRecommend(movies, bundle, steps);
    }
}
