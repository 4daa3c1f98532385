package org.pinnerformer.testkit.conformance;

import java.util.SplittableRandom;
import org.pinnerformer.api.ModelSpec;
import org.pinnerformer.api.SequenceBatch;

/** The arrays of a {@link SequenceBatch}, editable, so tests can pad, crop and perturb sequences. */
final class SequenceArrays {
    final int b;
    final int t;
    final int f;
    final int a;
    final float[] vectors;
    final int[] buckets;
    final int[] types;
    final int[] surfaces;
    final float[] duration;
    final float[] angles;
    final float[] timeLog;
    final float[] valid;

    private SequenceArrays(int b, int t, int f, int a) {
        this.b = b;
        this.t = t;
        this.f = f;
        this.a = a;
        int bt = b * t;
        vectors = new float[bt * f];
        buckets = new int[bt];
        types = new int[bt];
        surfaces = new int[bt];
        duration = new float[bt];
        angles = new float[bt * a];
        timeLog = new float[bt * 3];
        valid = new float[bt];
    }

    /**
     * {@code b} random sequences of length {@code t} for {@code spec}; sequence i has {@code lengths[i % n]} real
     * actions (at most t), left-padded. Vocabulary rows are drawn from {@code 1 .. actionRows} and
     * {@code 1 .. surfaceRows}.
     */
    static SequenceArrays random(ModelSpec spec, int b, int t, int[] lengths, int actionRows, int surfaceRows,
            SplittableRandom r) {
        SequenceArrays s = new SequenceArrays(b, t, spec.itemVectorSize(), spec.timeAngleCount());
        for (int i = 0; i < b; i++) {
            int n = Math.min(t, lengths[i % lengths.length]);
            for (int k = t - n; k < t; k++) {
                s.randomAction(i * t + k, spec, actionRows, surfaceRows, r);
            }
        }
        return s;
    }

    /** Overwrites position {@code at} (= row * T + t) with a random real action. */
    void randomAction(int at, ModelSpec spec, int actionRows, int surfaceRows, SplittableRandom r) {
        for (int j = 0; j < f; j++) {
            vectors[at * f + j] = (float) r.nextGaussian();
        }
        buckets[at] = r.nextInt(Math.max(spec.itemIdRows(), 1));
        types[at] = 1 + r.nextInt(actionRows);
        surfaces[at] = 1 + r.nextInt(surfaceRows);
        duration[at] = (float) Math.log1p(r.nextDouble(600));
        for (int j = 0; j < a; j++) {
            angles[at * a + j] = (float) r.nextDouble(2 * Math.PI);
        }
        for (int j = 0; j < 3; j++) {
            timeLog[at * 3 + j] = (float) Math.log1p(r.nextDouble(1e7));
        }
        valid[at] = 1;
    }

    /** The same sequences padded on the left to {@code newT >= t} positions (new positions are padding). */
    SequenceArrays padLeft(int newT) {
        if (newT < t) {
            throw new IllegalArgumentException("newT must be >= " + t + ", was " + newT);
        }
        SequenceArrays s = new SequenceArrays(b, newT, f, a);
        int shift = newT - t;
        for (int i = 0; i < b; i++) {
            for (int k = 0; k < t; k++) {
                int from = i * t + k;
                int to = i * newT + shift + k;
                System.arraycopy(vectors, from * f, s.vectors, to * f, f);
                System.arraycopy(angles, from * a, s.angles, to * a, a);
                System.arraycopy(timeLog, from * 3, s.timeLog, to * 3, 3);
                s.buckets[to] = buckets[from];
                s.types[to] = types[from];
                s.surfaces[to] = surfaces[from];
                s.duration[to] = duration[from];
                s.valid[to] = valid[from];
            }
        }
        return s;
    }

    /** The number of real actions of row {@code row}. */
    int validLengthOf(int row) {
        int n = 0;
        for (int k = 0; k < t; k++) {
            n += valid[row * t + k] == 1f ? 1 : 0;
        }
        return n;
    }

    /** A deep copy. */
    SequenceArrays copy() {
        return padLeft(t);
    }

    /** A batch over copies of the arrays. */
    SequenceBatch toBatch() {
        return new SequenceBatch(b, t, f, a, vectors.clone(), buckets.clone(), types.clone(), surfaces.clone(),
                duration.clone(), angles.clone(), timeLog.clone(), valid.clone());
    }
}
