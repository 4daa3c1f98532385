package org.pinnerformer.core.eval;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.pinnerformer.api.Action;
import org.pinnerformer.api.Vocabulary;
import org.pinnerformer.core.data.Dataset;
import org.pinnerformer.core.data.ItemCatalog;
import org.pinnerformer.core.data.ReadReport;
import org.pinnerformer.core.data.Timelines;
import org.pinnerformer.core.data.TimelinesBuilder;

/** Hand-built catalogues and timelines for the evaluation tests. */
final class Fixtures {
    static final double DAY = 86_400;

    private Fixtures() {
    }

    /**
     * Four items with 2-d unit vectors: 0 (1,0) genre A, 1 (0,1) genre B, 2 (0.6,0.8) genre A, 3 (-1,0) genre B.
     * Ids are 10 + index.
     */
    static ItemCatalog fourItems() {
        ItemCatalog.Builder b = ItemCatalog.builder(2);
        int a = b.category("A");
        int bb = b.category("B");
        b.add(10, new float[] {1, 0}, "zero", a);
        b.add(11, new float[] {0, 1}, "one", bb);
        b.add(12, new float[] {0.6f, 0.8f}, "two", a);
        b.add(13, new float[] {-1, 0}, "three", bb);
        return b.build();
    }

    /** A data set of actions {user id, item index, time, positive (1) or not (0)} over a catalogue. */
    static Dataset dataset(ItemCatalog catalog, double[]... actions) {
        TimelinesBuilder b = new TimelinesBuilder(catalog, Vocabulary.of("click", "save"), Vocabulary.of("home"),
                Set.of("save"));
        for (double[] a : actions) {
            b.add(new Action((long) a[0], catalog.itemId((int) a[1]), a[2], a[3] == 1 ? "save" : "click", "home",
                    0));
        }
        Timelines t = b.build();
        return new Dataset("fixture", catalog, t, ReadReport.empty(), true);
    }

    static double[] act(long user, int item, double time, boolean positive) {
        return new double[] {user, item, time, positive ? 1 : 0};
    }

    /** An embedder returning a fixed vector per user, or per (user, cut) through a function; records calls. */
    static final class FixedEmbedder implements UserEmbedder {
        interface Rule {
            float[] vector(int user, double cut);
        }

        final Map<Integer, java.util.List<Double>> calls = new HashMap<>();
        private final Rule rule;

        FixedEmbedder(Rule rule) {
            this.rule = rule;
        }

        @Override
        public int dimension() {
            return 2;
        }

        @Override
        public float[] embed(int[] users, double[] cutTimes) {
            float[] out = new float[users.length * 2];
            for (int i = 0; i < users.length; i++) {
                calls.computeIfAbsent(users[i], k -> new java.util.ArrayList<>()).add(cutTimes[i]);
                System.arraycopy(rule.vector(users[i], cutTimes[i]), 0, out, 2 * i, 2);
            }
            return out;
        }
    }

    /** The bundled ml-latest-small (see core.data's TestData). */
    static Path latestSmall() {
        Path dir = Path.of(System.getProperty("basedir", ".")).resolve("../data/ml-latest-small").normalize();
        if (!Files.isRegularFile(dir.resolve("ratings.csv"))) {
            throw new IllegalStateException("the bundled ml-latest-small is missing from " + dir);
        }
        return dir;
    }
}
