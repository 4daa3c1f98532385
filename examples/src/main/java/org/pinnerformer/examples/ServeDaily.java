package org.pinnerformer.examples;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import org.pinnerformer.api.DailyJobResult;
import org.pinnerformer.api.DataSource;
import org.pinnerformer.api.ItemIndex;
import org.pinnerformer.api.Model;
import org.pinnerformer.api.PinnerFormer;
import org.pinnerformer.api.Recommender;

/**
 * Serving through the front door: open a model bundle, run the daily job for two days (the second carries over the
 * users without new actions), build the item index, and recommend from the latest snapshot and the index, which the
 * recommender checks come from the same model. Inference runs on ONNX Runtime when {@code backend-onnx} is present,
 * otherwise on the first backend that can infer.
 *
 * <p>Arguments: the model bundle (from {@link QuickStart} or {@code pinnerformer train --out DIR}), then optionally
 * the ml-latest-small directory (default {@code data/ml-latest-small}) and a work directory for the store and the
 * index (default: a new temporary directory).
 */
public final class ServeDaily {
    private ServeDaily() {
    }

    /** Runs the daily job on two days, builds the index, and prints and returns the top 10 items of user 1. */
    public static List<ItemIndex.Hit> serve(Path bundle, Path movies, Path work) {
        PinnerFormer pinnerFormer = PinnerFormer.load();
        DataSource log = DataSource.movieLens(movies);
        Path store = work.resolve("store");
        Path index = work.resolve("index");
        try (Model model = pinnerFormer.open(bundle)) {
            for (LocalDate day : List.of(LocalDate.of(2018, 9, 29), LocalDate.of(2018, 9, 30))) {
                DailyJobResult r = model.runDailyJob(log, store, day);
                System.out.printf(Locale.ROOT, "%s: embedded %d users, carried over %d, failed %d (backend %s)%n",
                        r.date(), r.embedded(), r.carriedOver(), r.failed(), r.backend());
            }
            model.buildIndex(index).close();
        }
        try (Recommender recommender = pinnerFormer.recommender(store, index)) {
            List<ItemIndex.Hit> top = recommender.recommend(1L, 10).orElseThrow();
            System.out.println("user 1, model " + recommender.modelId() + ":");
            top.forEach(hit -> System.out.printf(Locale.ROOT, "  item %d  score %.3f%n", hit.itemId(), hit.score()));
            return top;
        }
    }

    /** Entry point: {@code BUNDLE_DIR [MOVIELENS_DIR] [WORK_DIR]}. */
    public static void main(String[] args) throws java.io.IOException {
        if (args.length < 1) {
            System.err.println("usage: ServeDaily BUNDLE_DIR [MOVIELENS_DIR] [WORK_DIR]");
            System.exit(2);
        }
        Path movies = Path.of(args.length > 1 ? args[1] : "data/ml-latest-small");
        Path work = args.length > 2 ? Path.of(args[2]) : Files.createTempDirectory("pinnerformer-serve");
        serve(Path.of(args[0]), movies, work);
    }
}
