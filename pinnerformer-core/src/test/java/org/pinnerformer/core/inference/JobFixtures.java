package org.pinnerformer.core.inference;

import java.util.Set;
import java.util.SplittableRandom;
import org.pinnerformer.api.Checkpoint;
import org.pinnerformer.api.ModelSpec;
import org.pinnerformer.api.Vocabulary;
import org.pinnerformer.core.backend.JavaBackendProvider;
import org.pinnerformer.core.data.ItemCatalog;
import org.pinnerformer.core.data.Timelines;
import org.pinnerformer.core.data.TimelinesBuilder;
import org.pinnerformer.model.ModelInitializer;
import org.pinnerformer.spi.Backend;
import org.pinnerformer.spi.BackendOptions;

/**
 * A small synthetic action log around two daily runs. Users are {@code 5000 + u} for u in [0, 40):
 * every user acts once a day on days 0..7; users with {@code u % 3 == 0} also act on day 8.5 (between the runs);
 * users with {@code u % 3 == 1} act on day 9.8 (after the second run: invisible to it); user 38 first acts on day
 * 8.2 (new since the first run); user 39 only on day 9.9 (no visible action at all).
 */
public final class JobFixtures {
    public static final double DAY = 86_400;
    public static final double T0 = 1.6e9;
    public static final double RUN1 = T0 + 8 * DAY;
    public static final double RUN2 = T0 + 9.5 * DAY;
    public static final int USERS = 40;

    private JobFixtures() {
    }

    public static ModelSpec spec() {
        return ModelSpec.builder().itemVectorSize(6).actionEmbeddingSize(3).surfaceEmbeddingSize(2).hiddenSize(8)
                .layers(1).heads(2).maxSequenceLength(8).outputSize(4)
                .absolutePeriodsSeconds(3600, 86400).relativePeriodsSeconds(60, 3600, 86400).build();
    }

    public static ItemCatalog catalog() {
        ItemCatalog.Builder b = ItemCatalog.builder(6);
        SplittableRandom r = new SplittableRandom(11);
        for (int i = 0; i < 30; i++) {
            float[] v = new float[6];
            for (int c = 0; c < 6; c++) {
                v[c] = (float) r.nextGaussian();
            }
            b.add(100 + i, v, "item " + i);
        }
        return b.build();
    }

    public static Timelines timelines(ItemCatalog catalog) {
        TimelinesBuilder t = new TimelinesBuilder(catalog, Vocabulary.of("click", "save"), Vocabulary.of("home"),
                Set.of("save"));
        SplittableRandom r = new SplittableRandom(5);
        for (int u = 0; u < USERS; u++) {
            long id = 5000 + u;
            if (u == 39) {
                t.add(id, r.nextInt(30), T0 + 9.9 * DAY, 1, 0, 0);
                continue;
            }
            if (u == 38) {
                t.add(id, r.nextInt(30), T0 + 8.2 * DAY, 1, 0, 0);
                continue;
            }
            for (int day = 0; day < 8; day++) {
                t.add(id, r.nextInt(30), T0 + day * DAY + u * 60, r.nextInt(2), 0, 0);
            }
            if (u % 3 == 0) {
                t.add(id, r.nextInt(30), T0 + 8.5 * DAY, 1, 0, 0);
            }
            if (u % 3 == 1) {
                t.add(id, r.nextInt(30), T0 + 9.8 * DAY, 1, 0, 0);
            }
        }
        return t.build();
    }

    public static Checkpoint checkpoint(long seed) {
        return ModelInitializer.initialize(spec(), Vocabulary.of("click", "save"), Vocabulary.of("home"), seed);
    }

    public static Backend javaBackend() {
        return new JavaBackendProvider().create(BackendOptions.defaults().withThreads(1));
    }
}
