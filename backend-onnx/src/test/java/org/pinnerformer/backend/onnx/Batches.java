package org.pinnerformer.backend.onnx;

import java.util.SplittableRandom;
import org.pinnerformer.api.ItemBatch;
import org.pinnerformer.api.ModelSpec;
import org.pinnerformer.api.SequenceBatch;
import org.pinnerformer.api.Vocabulary;

/** Seeded random, left-padded batches for the backend's tests. */
public final class Batches {
    /** Three action types. */
    public static final Vocabulary ACTIONS = Vocabulary.of("click", "save", "hide");
    /** Two surfaces. */
    public static final Vocabulary SURFACES = Vocabulary.of("home", "search");

    private Batches() {
    }

    /**
     * {@code b} sequences of length {@code t}; sequence i has {@code lengths[i % lengths.length]} real actions
     * (at most t), the rest left padding.
     */
    public static SequenceBatch sequences(ModelSpec s, int b, int t, int[] lengths, SplittableRandom r) {
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
            int n = Math.min(t, lengths[i % lengths.length]);
            for (int k = t - n; k < t; k++) {
                int at = i * t + k;
                for (int j = 0; j < f; j++) {
                    v[at * f + j] = (float) r.nextGaussian();
                }
                buckets[at] = r.nextInt(Math.max(s.itemIdHashBuckets(), 1));
                types[at] = 1 + r.nextInt(ACTIONS.size());
                surfaces[at] = 1 + r.nextInt(SURFACES.size());
                duration[at] = (float) Math.log1p(r.nextDouble(100));
                for (int j = 0; j < a; j++) {
                    angles[at * a + j] = (float) r.nextDouble(2 * Math.PI);
                }
                for (int j = 0; j < 3; j++) {
                    log1p[at * 3 + j] = (float) Math.log1p(r.nextDouble(1e6));
                }
                valid[at] = 1;
            }
        }
        return new SequenceBatch(b, t, f, a, v, buckets, types, surfaces, duration, angles, log1p, valid);
    }

    /** {@code n} random items. */
    public static ItemBatch items(ModelSpec s, int n, SplittableRandom r) {
        int[] buckets = new int[n];
        float[] v = new float[n * s.itemVectorSize()];
        for (int i = 0; i < n; i++) {
            buckets[i] = r.nextInt(Math.max(s.itemIdHashBuckets(), 1));
        }
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return new ItemBatch(n, s.itemVectorSize(), v, buckets);
    }
}
