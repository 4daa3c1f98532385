package org.pinnerformer.core.pipeline;

import java.util.Arrays;
import java.util.Objects;
import org.pinnerformer.api.InferenceBatch;
import org.pinnerformer.core.data.Timelines;
import org.pinnerformer.core.eval.UserEmbedder;
import org.pinnerformer.core.features.SequenceFeatures;
import org.pinnerformer.spi.UserEncoder;

/**
 * A {@link UserEmbedder} backed by a backend's {@link UserEncoder}: user {@code u} at cut {@code t} is encoded
 * from its last {@code M} actions with a timestamp {@code <= t} (the same window as
 * {@link org.pinnerformer.core.features.InferenceBatches#at}, but with one cut per user), in batches of at most
 * {@code batchSize} users. A user with no action at or before its cut gets the zero row, as the
 * {@link UserEmbedder} contract allows. The encoder is borrowed: closing it stays with the caller.
 */
public final class ModelUserEmbedder implements UserEmbedder {
    private final UserEncoder encoder;
    private final SequenceFeatures features;
    private final int batchSize;

    /**
     * An embedder over the timelines of {@code features}.
     *
     * @param encoder the user tower of one checkpoint
     * @param features the features of the data set the evaluation runs on (spec, timelines, catalogue)
     * @param batchSize the most users per call of the encoder, {@code > 0}
     */
    public ModelUserEmbedder(UserEncoder encoder, SequenceFeatures features, int batchSize) {
        this.encoder = Objects.requireNonNull(encoder, "encoder");
        this.features = Objects.requireNonNull(features, "features");
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batchSize must be > 0, was " + batchSize);
        }
        this.batchSize = batchSize;
    }

    @Override
    public int dimension() {
        return encoder.outputSize();
    }

    @Override
    public float[] embed(int[] users, double[] cutTimes) {
        Objects.requireNonNull(users, "users");
        Objects.requireNonNull(cutTimes, "cutTimes");
        if (users.length != cutTimes.length) {
            throw new IllegalArgumentException("users and cutTimes must have the same length, had " + users.length
                    + " and " + cutTimes.length);
        }
        Timelines timelines = features.timelines();
        int d = dimension();
        float[] out = new float[Math.multiplyExact(users.length, d)];
        int[] rows = new int[Math.min(batchSize, Math.max(1, users.length))];
        int[] batchUsers = new int[rows.length];
        int[] from = new int[rows.length];
        int[] to = new int[rows.length];
        long[] ids = new long[rows.length];
        int n = 0;
        for (int i = 0; i < users.length; i++) {
            int u = Objects.checkIndex(users[i], timelines.userCount());
            if (Double.isNaN(cutTimes[i])) {
                throw new IllegalArgumentException("cutTimes[" + i + "] must be a time in epoch seconds, was NaN");
            }
            int end = timelines.firstAfter(u, cutTimes[i]);
            if (end == timelines.start(u)) {
                continue;
            }
            rows[n] = i;
            batchUsers[n] = u;
            to[n] = end;
            from[n] = Math.max(timelines.start(u), end - features.length());
            ids[n] = timelines.userId(u);
            n++;
            if (n == rows.length) {
                encode(n, rows, batchUsers, from, to, ids, out, d);
                n = 0;
            }
        }
        if (n > 0) {
            encode(n, rows, batchUsers, from, to, ids, out, d);
        }
        return out;
    }

    private void encode(int n, int[] rows, int[] batchUsers, int[] from, int[] to, long[] ids, float[] out, int d) {
        InferenceBatch batch = new InferenceBatch(features.build(n, Arrays.copyOf(batchUsers, n),
                Arrays.copyOf(from, n), Arrays.copyOf(to, n)), Arrays.copyOf(ids, n));
        float[] e = encoder.encode(batch);
        if (e.length != n * d) {
            throw new IllegalStateException("the user encoder returned " + e.length + " values for " + n
                    + " users of dimension " + d);
        }
        for (int b = 0; b < n; b++) {
            for (int c = 0; c < d; c++) {
                float v = e[b * d + c];
                if (!Float.isFinite(v)) {
                    throw new IllegalStateException("the user encoder returned a non-finite value " + v
                            + " for user " + ids[b]);
                }
            }
            System.arraycopy(e, b * d, out, rows[b] * d, d);
        }
    }
}
