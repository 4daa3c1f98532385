package org.example.consumer;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.pinnerformer.api.DataSource;
import org.pinnerformer.api.Embeddings;
import org.pinnerformer.api.ItemIndex;
import org.pinnerformer.api.Model;
import org.pinnerformer.api.PinnerFormer;
import org.pinnerformer.api.Recommender;

/**
 * Opens a model bundle, embeds three users by their ids, indexes every item and recommends, through the front door
 * only; checks what it gets and exits with 1 when anything is wrong.
 *
 * <p>Arguments: the model bundle directory and the MovieLens ml-latest-small directory.
 */
public final class Main {
    private Main() {
    }

    /** Runs the checks; see the class comment for the arguments. */
    public static void main(String[] args) {
        if (args.length != 2) {
            System.err.println("usage: consumer BUNDLE_DIR MOVIELENS_DIR");
            System.exit(2);
        }
        try {
            run(Path.of(args[0]), Path.of(args[1]));
        } catch (RuntimeException e) {
            System.err.println("consumer: FAILED: " + e);
            e.printStackTrace();
            System.exit(1);
        }
    }

    private static void run(Path bundle, Path movies) {
        Module api = PinnerFormer.class.getModule();
        check(api.isNamed() && Main.class.getModule().isNamed(), "expected to run on the module path, but "
                + PinnerFormer.class + " is in " + api);
        System.out.println("consumer: on the module path: " + Main.class.getModule().getName() + " reads "
                + api.getName());
        DataSource data = DataSource.movieLens(movies);
        try (Model model = PinnerFormer.load().open(bundle)) {
            Embeddings users = model.embed(data, List.of(1L, 2L, 3L));
            check(users.size() == 3 && users.dimension() == model.dimension(), "expected 3 users of dimension "
                    + model.dimension() + ", got " + users);
            check("onnx".equals(model.backend()), "expected the onnx backend for inference, got " + model.backend());
            System.out.printf(Locale.ROOT, "consumer: embedded %d users of dimension %d with backend %s, model %s%n",
                    users.size(), users.dimension(), model.backend(), model.id());
            try (ItemIndex items = model.buildIndex(); Recommender recommender = model.recommender(users, items)) {
                List<ItemIndex.Hit> top = recommender.recommend(1L, 5).orElseThrow();
                check(top.size() == 5, "expected 5 items, got " + top);
                for (int i = 1; i < top.size(); i++) {
                    check(top.get(i).score() <= top.get(i - 1).score(), "results not best first: " + top);
                }
                check(top.equals(items.search(users.vector(1L), 5)), "recommend and search disagree");
                System.out.printf(Locale.ROOT, "consumer: user 1's top 5 of %d items: %s%n", items.size(),
                        top.stream().map(h -> Long.toString(h.itemId())).toList());
            }
        }
        System.out.println("consumer: OK");
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalStateException(message);
        }
    }
}
