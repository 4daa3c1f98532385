package org.pinnerformer.core.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.pinnerformer.api.Vocabulary;

class CoEngagementVectorsTest {
    private static final int CLUSTERS = 3;
    private static final int PER_CLUSTER = 10;
    private static final int ITEMS = CLUSTERS * PER_CLUSTER;
    private static final CoEngagementOptions OPTIONS = CoEngagementOptions.defaults(7).withDimension(8).withWindow(3);

    private static ItemCatalog catalog(int n) {
        ItemCatalog.Builder b = ItemCatalog.builder(1);
        for (int i = 0; i < n; i++) {
            b.add(1000 + i, new float[1], null);
        }
        return b.build();
    }

    /** 90 users, each engaging 12 random items of one cluster at times 0..11 (item i is in cluster i / 10). */
    private static TimelinesBuilder clustered(ItemCatalog catalog) {
        TimelinesBuilder b = new TimelinesBuilder(catalog, Vocabulary.of("view"), Vocabulary.of("web"),
                Set.of("view"));
        SplittableRandom r = new SplittableRandom(3);
        for (int u = 0; u < 90; u++) {
            int cluster = u % CLUSTERS;
            for (int k = 0; k < 12; k++) {
                b.add(u, cluster * PER_CLUSTER + r.nextInt(PER_CLUSTER), k, 0, 0, 0f);
            }
        }
        return b;
    }

    private static double cosine(float[] v, int a, int b, int f) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int k = 0; k < f; k++) {
            dot += v[a * f + k] * v[b * f + k];
            na += v[a * f + k] * v[a * f + k];
            nb += v[b * f + k] * v[b * f + k];
        }
        return dot / Math.sqrt(na * nb);
    }

    @Test
    void givesItemsThatCoOccurMoreSimilarVectorsThanOtherPairs() {
        ItemCatalog c = catalog(ITEMS);
        Timelines t = clustered(c).build();
        float[] v = CoEngagementVectors.learn(t, ITEMS, TrainingPeriod.before(100), OPTIONS);
        double within = 0;
        double across = 0;
        int nw = 0;
        int na = 0;
        for (int a = 0; a < ITEMS; a++) {
            for (int b = a + 1; b < ITEMS; b++) {
                if (a / PER_CLUSTER == b / PER_CLUSTER) {
                    within += cosine(v, a, b, 8);
                    nw++;
                } else {
                    across += cosine(v, a, b, 8);
                    na++;
                }
            }
        }
        assertThat(within / nw).isGreaterThan(across / na + 0.5);
    }

    @Test
    void returnsVectorsOfNormSqrtFForItemsSeenInTraining() {
        Timelines t = clustered(catalog(ITEMS)).build();
        float[] v = CoEngagementVectors.learn(t, ITEMS, TrainingPeriod.before(100), OPTIONS);
        for (int i = 0; i < ITEMS; i++) {
            assertThat(cosine(v, i, i, 8)).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-5));
            double norm = 0;
            for (int k = 0; k < 8; k++) {
                norm += v[i * 8 + k] * v[i * 8 + k];
            }
            // Squared norm F = 8: every component has unit mean square, like the model's other inputs.
            assertThat(norm).isCloseTo(8.0, org.assertj.core.data.Offset.offset(1e-4));
        }
    }

    @Test
    void isDeterministicForASeed() {
        Timelines t = clustered(catalog(ITEMS)).build();
        float[] a = CoEngagementVectors.learn(t, ITEMS, TrainingPeriod.before(100), OPTIONS);
        float[] b = CoEngagementVectors.learn(t, ITEMS, TrainingPeriod.before(100), OPTIONS);
        assertThat(b).containsExactly(a);
    }

    @Test
    void givesAnItemSeenOnlyAfterTheCutTheZeroVector() {
        ItemCatalog c = catalog(ITEMS + 1);
        TimelinesBuilder b = clustered(c);
        b.add(1, ITEMS, 50, 0, 0, 0f); // the last item, at time 50, after the cut at 20
        b.add(1, 0, 51, 0, 0, 0f);
        float[] v = CoEngagementVectors.learn(b.build(), ITEMS + 1, TrainingPeriod.before(20), OPTIONS);
        assertThat(Arrays.copyOfRange(v, ITEMS * 8, (ITEMS + 1) * 8)).containsOnly(0f);
        assertThat(Arrays.copyOfRange(v, 0, 8)).isNotEqualTo(new float[8]);
    }

    @Test
    void ignoresEverythingAfterTheCut() {
        ItemCatalog c = catalog(ITEMS);
        Timelines plain = clustered(c).build();
        TimelinesBuilder more = clustered(c);
        SplittableRandom r = new SplittableRandom(11);
        for (int k = 0; k < 500; k++) {
            // after the cut: existing users (at times 12.. 99) and new users mix every cluster
            more.add(r.nextInt(120), r.nextInt(ITEMS), 12 + r.nextInt(88), 0, 0, 0f);
        }
        Timelines changed = more.build();
        float[] a = CoEngagementVectors.learn(plain, ITEMS, TrainingPeriod.before(12), OPTIONS);
        float[] b = CoEngagementVectors.learn(changed, ITEMS, TrainingPeriod.before(12), OPTIONS);
        assertThat(b).containsExactly(a);
        float[] leaky = CoEngagementVectors.learn(changed, ITEMS, TrainingPeriod.before(100), OPTIONS);
        assertThat(leaky).isNotEqualTo(a);
    }

    @Test
    void usesOnlyTrainingUsersWhenAskedTo() {
        ItemCatalog c = catalog(ITEMS);
        TimelinesBuilder b = clustered(c);
        b.add(500, 0, 1, 0, 0, 0f);
        b.add(500, 25, 2, 0, 0, 0f); // user 500 links clusters 0 and 2
        Set<Long> training = new java.util.HashSet<>();
        for (long u = 0; u < 90; u++) {
            training.add(u);
        }
        float[] withUser = CoEngagementVectors.learn(b.build(), ITEMS, TrainingPeriod.users(training), OPTIONS);
        float[] without = CoEngagementVectors.learn(clustered(c).build(), ITEMS, TrainingPeriod.before(100), OPTIONS);
        assertThat(withUser).containsExactly(without);
    }

    @Test
    void placesToyStory2AmongToyStorysNearestNeighboursOnMovieLens() {
        Dataset ml = MovieLens.latestSmall(TestData.latestSmall());
        Dataset v = ml.withCoEngagementVectors(TrainingPeriod.before(1.5e9), CoEngagementOptions.defaults(42));
        assertThat(v.hasContentVectors()).isTrue();
        ItemCatalog c = v.catalog();
        assertThat(c.vectorSize()).isEqualTo(64);
        float[] all = ItemVectors.of(c).values();
        int toyStory = c.index(1).orElseThrow();
        int toyStory2 = c.index(3114).orElseThrow();
        double pair = cosine(all, toyStory, toyStory2, 64);
        double[] others = new double[c.size()];
        int n = 0;
        for (int i = 0; i < c.size(); i++) {
            double cos = cosine(all, toyStory, i, 64);
            if (i != toyStory && !Double.isNaN(cos)) {
                others[n++] = cos;
            }
        }
        double[] sorted = Arrays.copyOf(others, n);
        Arrays.sort(sorted);
        assertThat(pair).isGreaterThan(sorted[(int) (n * 0.99)]);
    }

    @Test
    void givesMl100kItemsUnitVectorsWhereTheyHaveCoEngagement() {
        Dataset ml = MovieLens.ml100k(TestData.shared("ml-100k"));
        Timelines t = ml.timelines();
        double cut = 880_000_000; // 1997-11-20: about the first half of the ratings
        Dataset v = ml.withCoEngagementVectors(TrainingPeriod.before(cut), CoEngagementOptions.defaults(1));
        boolean[] seen = new boolean[ml.catalog().size()];
        for (int i = 0; i < t.actionCount(); i++) {
            if (t.timestamp(i) < cut) {
                seen[t.item(i)] = true;
            }
        }
        int zero = 0;
        for (int i = 0; i < seen.length; i++) {
            float[] x = v.catalog().vector(i);
            double norm = 0;
            for (float f : x) {
                norm += f * f;
            }
            if (!seen[i]) {
                assertThat(norm).isZero();
                zero++;
            } else if (norm > 0) {
                assertThat(norm).isCloseTo(x.length, org.assertj.core.data.Offset.offset(1e-3 * x.length));
            }
        }
        assertThat(zero).isPositive().isLessThan(seen.length);
    }
}
