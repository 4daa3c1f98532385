package org.pinnerformer.core.data;

import java.util.Arrays;
import java.util.Objects;

/**
 * Item content vectors learned from co-engagement, standing in for PinSage on public data: items engaged by
 * the same user within a few actions of each other get similar vectors.
 *
 * <p>Method: count each pair of distinct items that occur within {@link CoEngagementOptions#window()} actions
 * of each other in a user's time-ordered training actions; turn the symmetric counts into positive pointwise
 * mutual information, {@code max(0, log(n_ab * D / (n_a * n_b)))} with marginals {@code n_a} and total
 * {@code D}; take the top F singular vectors {@code U} and values {@code S} by a seeded randomized SVD; an
 * item's vector is its row of {@code U S^(1/2)}, scaled to the L2 norm {@code sqrt(F)} (see {@link #norm(int)}).
 *
 * <p>Why {@code sqrt(F)} and not 1: the vector is one input of the model next to O(1) features (action
 * embeddings drawn from {@code N(0, 1)}, the time encoding's cos/sin values); a unit vector puts only about
 * {@code 1/sqrt(F)} into each input, so that behind the input projection the content - the main signal - is
 * about 1% of the input variance and training on real data collapsed to a popularity ranking. With norm
 * {@code sqrt(F)} every component has unit mean square like the other inputs. Rankings by cosine or by the dot
 * product with a normalised user vector do not change.
 *
 * <p>Only the {@link TrainingPeriod} is used, so that vectors never carry information from the evaluation
 * period. Cold start: an item with no co-engagement in the training period (never seen then, or only alone)
 * gets the zero vector, which the model reads as "no content information"; it still has its id embedding when
 * the model uses one. Results are deterministic for a seed.
 */
public final class CoEngagementVectors {
    private CoEngagementVectors() {
    }

    /** The L2 norm of every non-zero vector of dimension {@code f}: {@code sqrt(f)}, unit mean square. */
    public static double norm(int f) {
        if (f <= 0) {
            throw new IllegalArgumentException("f must be > 0, was " + f);
        }
        return Math.sqrt(f);
    }

    /**
     * Learns vectors for the {@code itemCount} items of a catalogue that {@code timelines} index into.
     *
     * @return {@code itemCount x F} floats, row-major, each row of norm {@link #norm}{@code (F)}; rows of items
     *     without co-engagement are zero
     */
    public static float[] learn(Timelines timelines, int itemCount, TrainingPeriod period,
            CoEngagementOptions options) {
        Objects.requireNonNull(timelines, "timelines");
        Objects.requireNonNull(period, "period");
        Objects.requireNonNull(options, "options");
        if (itemCount <= 0) {
            throw new IllegalArgumentException("itemCount must be > 0, was " + itemCount);
        }
        PairCounts counts = count(timelines, itemCount, period, options);
        int f = options.dimension();
        float[] out = new float[itemCount * f];
        if (counts.size() == 0) {
            return out;
        }
        // Compact the items that co-occur at all: rows of the SVD, in catalogue order.
        int[] compact = new int[itemCount];
        Arrays.fill(compact, -1);
        double[] marginal = new double[itemCount];
        counts.forEach((a, b, c) -> {
            marginal[a] += c;
            marginal[b] += c;
        });
        int active = 0;
        double total = 0;
        for (int i = 0; i < itemCount; i++) {
            if (marginal[i] > 0) {
                compact[i] = active++;
                total += marginal[i];
            }
        }
        int[] rowOf = new int[active];
        for (int i = 0; i < itemCount; i++) {
            if (compact[i] >= 0) {
                rowOf[compact[i]] = i;
            }
        }
        SparseSymmetricMatrix ppmi = ppmi(counts, compact, marginal, total, active);
        RandomizedSvd.Result svd = RandomizedSvd.compute(ppmi, f, options.oversampling(), options.powerIterations(),
                options.seed());
        int k = svd.k();
        double[] sqrtSigma = new double[k];
        for (int c = 0; c < k; c++) {
            sqrtSigma[c] = Math.sqrt(svd.singularValues()[c]);
        }
        double[] u = svd.vectors();
        for (int r = 0; r < active; r++) {
            double norm = 0;
            for (int c = 0; c < k; c++) {
                double v = u[r * k + c] * sqrtSigma[c];
                norm += v * v;
            }
            if (norm == 0) {
                continue;
            }
            double inv = norm(f) / Math.sqrt(norm);
            int o = rowOf[r] * f;
            for (int c = 0; c < k; c++) {
                out[o + c] = (float) (u[r * k + c] * sqrtSigma[c] * inv);
            }
        }
        return out;
    }

    /** A copy of {@code catalog} whose vectors are learned from {@code timelines} (which index into it). */
    public static ItemCatalog apply(ItemCatalog catalog, Timelines timelines, TrainingPeriod period,
            CoEngagementOptions options) {
        return catalog.withVectors(options.dimension(), learn(timelines, catalog.size(), period, options));
    }

    private static PairCounts count(Timelines t, int itemCount, TrainingPeriod period, CoEngagementOptions o) {
        PairCounts counts = new PairCounts();
        int window = o.window();
        int[] seq = new int[16];
        for (int u = 0; u < t.userCount(); u++) {
            int end = period.end(t, u);
            int n = 0;
            for (int i = t.start(u); i < end; i++) {
                if (o.positiveOnly() && !t.isPositive(i)) {
                    continue;
                }
                if (n == seq.length) {
                    seq = Arrays.copyOf(seq, n * 2);
                }
                seq[n++] = Objects.checkIndex(t.item(i), itemCount);
            }
            for (int i = 0; i < n; i++) {
                int last = Math.min(n, i + window + 1);
                for (int j = i + 1; j < last; j++) {
                    if (seq[i] != seq[j]) {
                        counts.add(seq[i], seq[j], 1.0);
                    }
                }
            }
        }
        return counts;
    }

    private static SparseSymmetricMatrix ppmi(PairCounts counts, int[] compact, double[] marginal, double total,
            int active) {
        int[] a = new int[counts.size()];
        int[] b = new int[counts.size()];
        double[] v = new double[counts.size()];
        int[] n = {0};
        counts.forEach((x, y, c) -> {
            double pmi = Math.log(c * total / (marginal[x] * marginal[y]));
            if (pmi > 0) {
                a[n[0]] = compact[x];
                b[n[0]] = compact[y];
                v[n[0]] = pmi;
                n[0]++;
            }
        });
        return SparseSymmetricMatrix.ofPairs(active, a, b, v, n[0]);
    }
}
