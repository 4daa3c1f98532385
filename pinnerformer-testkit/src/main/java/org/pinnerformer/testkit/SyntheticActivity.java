package org.pinnerformer.testkit;

import java.util.Arrays;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;
import org.pinnerformer.api.Vocabulary;
import org.pinnerformer.core.data.ItemCatalog;
import org.pinnerformer.core.data.Timelines;
import org.pinnerformer.core.data.TimelinesBuilder;

/**
 * Seeded synthetic user activity with known structure, for tests and benchmarks at millions of users.
 *
 * <ul>
 *   <li>Items belong to clusters (item {@code i} to cluster {@code i mod clusters}); an item's content vector is
 *       its cluster's random unit centroid plus small noise, and its category is its cluster.</li>
 *   <li>Within a cluster, popularity is Zipf: the item of rank {@code r} (0 = most popular, ranks in index
 *       order) is drawn with weight {@code 1 / (r + 1)^s}.</li>
 *   <li>Each user has {@code interestsPerUser} distinct interest clusters with random weights; an action's item
 *       comes from an interest with probability {@code onInterestProbability}, else from a uniform cluster.</li>
 *   <li>Activity is bursty: a geometric number of sessions start uniformly over the period; each session has a
 *       geometric number of actions separated by exponential gaps of a few tens of seconds.</li>
 *   <li>Action types {@link #ACTION_TYPES} ({@code click} and {@code save} are positive; {@code hide} is far
 *       more likely off-interest), surfaces {@link #SURFACES}, log-normal durations.</li>
 * </ul>
 *
 * <p>User {@code u} (id {@code u + 1}) is generated from its own generator seeded by {@code (seed, u)}, so users
 * can be generated alone, in any order, and streamed through an {@link ActionSink} without holding them.
 */
public final class SyntheticActivity {
    /** The action types: view, click, save, hide. */
    public static final Vocabulary ACTION_TYPES = Vocabulary.of("view", "click", "save", "hide");
    /** The surfaces: home, search, board, related. */
    public static final Vocabulary SURFACES = Vocabulary.of("home", "search", "board", "related");
    /** The positive action types: click and save. */
    public static final Set<String> POSITIVE_TYPES = Set.of("click", "save");

    private static final double[] TYPE_CDF_ON = cdf(0.55, 0.27, 0.16, 0.02);
    private static final double[] TYPE_CDF_OFF = cdf(0.60, 0.12, 0.03, 0.25);
    private static final double[] SURFACE_CDF = cdf(0.5, 0.2, 0.15, 0.15);

    private final SyntheticConfig config;
    private final ItemCatalog catalog;
    private final double[][] clusterCdf;

    /** A generator for {@code config}; builds the catalogue. */
    public SyntheticActivity(SyntheticConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        int c = config.clusters();
        this.clusterCdf = new double[c][];
        for (int k = 0; k < c; k++) {
            int m = (config.items() - k + c - 1) / c;
            double[] w = new double[m];
            for (int r = 0; r < m; r++) {
                w[r] = 1 / Math.pow(r + 1, config.zipfExponent());
            }
            clusterCdf[k] = cdf(w);
        }
        this.catalog = buildCatalog();
    }

    /** The configuration. */
    public SyntheticConfig config() {
        return config;
    }

    /** The catalogue: item ids {@code 1 .. items}, one category per cluster. */
    public ItemCatalog catalog() {
        return catalog;
    }

    /** The cluster of catalogue item {@code itemIndex}. */
    public int clusterOf(int itemIndex) {
        return Objects.checkIndex(itemIndex, config.items()) % config.clusters();
    }

    /** The interest clusters of user {@code user} (a dense index {@code 0 .. users - 1}), sorted. */
    public int[] interests(int user) {
        Objects.checkIndex(user, config.users());
        int[] clusters = new int[config.interestsPerUser()];
        drawInterests(new SplittableRandom(userSeed(user)), clusters, new double[clusters.length]);
        int[] sorted = clusters.clone();
        Arrays.sort(sorted);
        return sorted;
    }

    /** Streams every user's actions into {@code sink}, user by user, each by time. */
    public void generate(ActionSink sink) {
        Objects.requireNonNull(sink, "sink");
        for (int u = 0; u < config.users(); u++) {
            generateUser(u, sink);
        }
    }

    /** Streams the actions of user {@code user} (id {@code user + 1}) into {@code sink}, by time. */
    public void generateUser(int user, ActionSink sink) {
        Objects.checkIndex(user, config.users());
        SplittableRandom random = new SplittableRandom(userSeed(user));
        int k = config.interestsPerUser();
        int[] interests = new int[k];
        double[] weights = new double[k];
        drawInterests(random, interests, weights);
        int sessions = geometric(random, config.meanSessions());
        double period = config.days() * 86_400;
        double[] starts = new double[sessions];
        for (int s = 0; s < sessions; s++) {
            starts[s] = config.startEpochSeconds() + random.nextDouble() * period;
        }
        Arrays.sort(starts);
        long id = user + 1L;
        double time = Double.NEGATIVE_INFINITY;
        for (int s = 0; s < sessions; s++) {
            time = Math.max(starts[s], time + 1);
            int actions = geometric(random, config.meanActionsPerSession());
            for (int a = 0; a < actions; a++) {
                if (a > 0) {
                    time += -Math.log(1 - random.nextDouble()) * config.meanGapSeconds();
                }
                time = Math.rint(time * 1000) / 1000;
                boolean onInterest = random.nextDouble() < config.onInterestProbability();
                int cluster = onInterest ? interests[pick(weights, random.nextDouble())]
                        : random.nextInt(config.clusters());
                int rank = pick(clusterCdf[cluster], random.nextDouble());
                int item = rank * config.clusters() + cluster;
                int type = pick(onInterest ? TYPE_CDF_ON : TYPE_CDF_OFF, random.nextDouble());
                int surface = pick(SURFACE_CDF, random.nextDouble());
                float duration = (float) (Math.rint(Math.exp(2 + random.nextGaussian()) * 10) / 10);
                sink.accept(id, item, time, type, surface, duration);
            }
        }
    }

    /** All users' timelines (click and save positive). Holds every action in memory: size the users to fit. */
    public Timelines timelines() {
        TimelinesBuilder builder = new TimelinesBuilder(catalog, ACTION_TYPES, SURFACES, POSITIVE_TYPES);
        generate(builder::add);
        return builder.build();
    }

    private void drawInterests(SplittableRandom random, int[] clusters, double[] weights) {
        int k = clusters.length;
        for (int i = 0; i < k; i++) {
            int c;
            do {
                c = random.nextInt(config.clusters());
            } while (contains(clusters, i, c));
            clusters[i] = c;
            weights[i] = 0.2 - Math.log(1 - random.nextDouble());
        }
        double[] cdf = cdf(weights);
        System.arraycopy(cdf, 0, weights, 0, k);
    }

    private ItemCatalog buildCatalog() {
        int f = config.itemVectorSize();
        SplittableRandom random = new SplittableRandom(config.seed() ^ 0x5DEECE66DL);
        float[][] centroids = new float[config.clusters()][f];
        for (float[] centroid : centroids) {
            double norm = 0;
            for (int j = 0; j < f; j++) {
                centroid[j] = (float) random.nextGaussian();
                norm += centroid[j] * centroid[j];
            }
            for (int j = 0; j < f; j++) {
                centroid[j] /= (float) Math.sqrt(norm);
            }
        }
        ItemCatalog.Builder b = ItemCatalog.builder(f);
        int[] categories = new int[config.clusters()];
        for (int c = 0; c < categories.length; c++) {
            categories[c] = b.category("cluster-" + c);
        }
        float noise = (float) (0.3 / Math.sqrt(f));
        float[] v = new float[f];
        for (int i = 0; i < config.items(); i++) {
            int c = i % config.clusters();
            for (int j = 0; j < f; j++) {
                v[j] = centroids[c][j] + noise * (float) random.nextGaussian();
            }
            b.add(i + 1L, v, null, categories[c]);
        }
        return b.build();
    }

    private long userSeed(int user) {
        long z = config.seed() * 0x9E3779B97F4A7C15L + user;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** 1 + a geometric number of failures, with the given mean ({@code >= 1}). */
    private static int geometric(SplittableRandom random, double mean) {
        if (mean <= 1) {
            return 1;
        }
        double p = 1 / mean;
        return 1 + (int) Math.min(100_000, Math.floor(Math.log(1 - random.nextDouble()) / Math.log(1 - p)));
    }

    /** The first index whose cumulative weight exceeds {@code u} in {@code [0, 1)}. */
    private static int pick(double[] cdf, double u) {
        int i = Arrays.binarySearch(cdf, u);
        i = i >= 0 ? i + 1 : -i - 1;
        return Math.min(i, cdf.length - 1);
    }

    private static double[] cdf(double... weights) {
        double sum = 0;
        for (double w : weights) {
            sum += w;
        }
        double[] out = new double[weights.length];
        double acc = 0;
        for (int i = 0; i < weights.length; i++) {
            acc += weights[i];
            out[i] = acc / sum;
        }
        out[out.length - 1] = 1;
        return out;
    }

    private static boolean contains(int[] a, int n, int v) {
        for (int i = 0; i < n; i++) {
            if (a[i] == v) {
                return true;
            }
        }
        return false;
    }
}
