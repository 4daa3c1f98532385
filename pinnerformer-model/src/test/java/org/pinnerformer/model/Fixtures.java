package org.pinnerformer.model;

import java.util.SplittableRandom;
import org.pinnerformer.api.ItemBatch;
import org.pinnerformer.api.ModelSpec;
import org.pinnerformer.api.SequenceBatch;
import org.pinnerformer.api.Vocabulary;

/** Seeded model inputs for tests. */
final class Fixtures {
    static final Vocabulary ACTIONS = Vocabulary.of("click", "save", "hide");
    static final Vocabulary SURFACES = Vocabulary.of("home", "search");

    private Fixtures() {
    }

    static ModelSpec smallSpec() {
        return ModelSpec.builder().itemVectorSize(6).actionEmbeddingSize(3).surfaceEmbeddingSize(2).hiddenSize(8)
                .layers(2).heads(2).maxSequenceLength(8).outputSize(4).itemIdHashBuckets(5)
                .absolutePeriodsSeconds(3600, 86400).relativePeriodsSeconds(60, 3600, 86400).build();
    }

    /** Per-action features of one sequence, oldest first; {@link #batch} pads them on the left. */
    record Actions(float[] vectors, int[] buckets, int[] types, int[] surfaces, float[] duration, float[] angles,
            float[] log1p) {
        int length() {
            return types.length;
        }
    }

    static Actions randomActions(ModelSpec s, int n, SplittableRandom r) {
        int f = s.itemVectorSize();
        int a = s.timeAngleCount();
        float[] v = gaussian(n * f, r);
        int[] buckets = new int[n];
        int[] types = new int[n];
        int[] surfaces = new int[n];
        float[] duration = new float[n];
        float[] angles = new float[n * a];
        float[] log1p = new float[n * 3];
        for (int i = 0; i < n; i++) {
            buckets[i] = r.nextInt(Math.max(s.itemIdHashBuckets(), 1));
            types[i] = 1 + r.nextInt(ACTIONS.size());
            surfaces[i] = 1 + r.nextInt(SURFACES.size());
            duration[i] = (float) Math.log1p(r.nextDouble(100));
            for (int k = 0; k < a; k++) {
                angles[i * a + k] = (float) r.nextDouble(2 * Math.PI);
            }
            for (int k = 0; k < 3; k++) {
                log1p[i * 3 + k] = (float) Math.log1p(r.nextDouble(1e6));
            }
        }
        return new Actions(v, buckets, types, surfaces, duration, angles, log1p);
    }

    /** A batch of the given sequences, left-padded to length {@code t}. */
    static SequenceBatch batch(ModelSpec s, int t, Actions... seqs) {
        int b = seqs.length;
        int f = s.itemVectorSize();
        int a = s.timeAngleCount();
        float[] v = new float[b * t * f];
        int[] buckets = new int[b * t];
        int[] types = new int[b * t];
        int[] surfaces = new int[b * t];
        float[] duration = new float[b * t];
        float[] angles = new float[b * t * a];
        float[] log1p = new float[b * t * 3];
        float[] valid = new float[b * t];
        for (int i = 0; i < b; i++) {
            Actions x = seqs[i];
            int pad = t - x.length();
            for (int k = 0; k < x.length(); k++) {
                int at = i * t + pad + k;
                System.arraycopy(x.vectors(), k * f, v, at * f, f);
                buckets[at] = x.buckets()[k];
                types[at] = x.types()[k];
                surfaces[at] = x.surfaces()[k];
                duration[at] = x.duration()[k];
                System.arraycopy(x.angles(), k * a, angles, at * a, a);
                System.arraycopy(x.log1p(), k * 3, log1p, at * 3, 3);
                valid[at] = 1;
            }
        }
        return new SequenceBatch(b, t, f, a, v, buckets, types, surfaces, duration, angles, log1p, valid);
    }

    static ItemBatch items(ModelSpec s, int n, SplittableRandom r) {
        int[] buckets = new int[n];
        for (int i = 0; i < n; i++) {
            buckets[i] = r.nextInt(Math.max(s.itemIdHashBuckets(), 1));
        }
        return new ItemBatch(n, s.itemVectorSize(), gaussian(n * s.itemVectorSize(), r), buckets);
    }

    static float[] gaussian(int n, SplittableRandom r) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) r.nextGaussian();
        }
        return x;
    }
}
