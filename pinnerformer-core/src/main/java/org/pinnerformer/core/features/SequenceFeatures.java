package org.pinnerformer.core.features;

import java.util.List;
import java.util.Objects;
import org.pinnerformer.api.ModelSpec;
import org.pinnerformer.api.SequenceBatch;
import org.pinnerformer.core.data.ItemCatalog;
import org.pinnerformer.core.data.Timelines;

/**
 * Turns {@link SequenceWindow}s into the model inputs of a {@link SequenceBatch}: {@code T = M =}
 * {@link ModelSpec#maxSequenceLength()} positions per sequence, padded on the LEFT, newest action last (a
 * window of {@code n} actions fills positions {@code T - n .. T - 1}, so action {@code a} of a window ending at
 * {@code to} sits at position {@code T - (to - a)}, see {@link #position(int, int)}).
 *
 * <p>Per position: the item's content vector and hash bucket, the action type's and surface's embedding rows
 * (vocabulary index + 1; 0 = padding), {@code log1p(duration)}, and the {@link TimeEncoding} of the three time
 * values, where "time since newest" is measured from the window's newest action and the gap of the window's
 * first action is 0 (the model never sees what came before its window). Padded positions are all 0 with
 * {@code validMask} 0. Instances are immutable and thread-safe.
 */
public final class SequenceFeatures {
    private final Timelines timelines;
    private final ItemCatalog catalog;
    private final ItemBuckets buckets;
    private final TimeEncoding time;
    private final int length;
    private final int vectorSize;
    private final int angleCount;

    /**
     * Features for {@code spec} over the given data.
     *
     * @throws IllegalArgumentException if the catalogue's vector size differs from the spec's
     */
    public SequenceFeatures(ModelSpec spec, Timelines timelines, ItemCatalog catalog) {
        Objects.requireNonNull(spec, "spec");
        this.timelines = Objects.requireNonNull(timelines, "timelines");
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        if (catalog.vectorSize() != spec.itemVectorSize()) {
            throw new IllegalArgumentException("the catalogue's vectors have " + catalog.vectorSize()
                    + " values but the spec's itemVectorSize is " + spec.itemVectorSize());
        }
        this.buckets = ItemBuckets.of(catalog, spec);
        this.time = new TimeEncoding(spec);
        this.length = spec.maxSequenceLength();
        this.vectorSize = spec.itemVectorSize();
        this.angleCount = time.angleCount();
    }

    /** T, the padded length of every sequence (the spec's M). */
    public int length() {
        return length;
    }

    /** The timelines the windows index into. */
    public Timelines timelines() {
        return timelines;
    }

    /** The catalogue that supplies item vectors. */
    public ItemCatalog catalog() {
        return catalog;
    }

    /** The item-id hash buckets of the catalogue. */
    public ItemBuckets buckets() {
        return buckets;
    }

    /** The position (in {@code [0, T)}) of action {@code action} in a window ending at {@code to}. */
    public int position(int to, int action) {
        return length - (to - action);
    }

    /**
     * The batch of the given windows, row {@code b} for {@code windows.get(b)}.
     *
     * @throws IllegalArgumentException if there is no window, or a window is longer than {@code T} or does not
     *     lie inside its user's timeline
     */
    public SequenceBatch build(List<SequenceWindow> windows) {
        Objects.requireNonNull(windows, "windows");
        int n = windows.size();
        int[] users = new int[n];
        int[] from = new int[n];
        int[] to = new int[n];
        for (int b = 0; b < n; b++) {
            SequenceWindow w = Objects.requireNonNull(windows.get(b), "windows[" + b + "]");
            users[b] = w.user();
            from[b] = w.from();
            to[b] = w.to();
        }
        return build(n, users, from, to);
    }

    /**
     * The batch of {@code count} windows given as parallel arrays (the allocation-free form used by the
     * samplers): row {@code b} holds actions {@code from[b] .. to[b] - 1} of user {@code users[b]}.
     *
     * @throws IllegalArgumentException if {@code count} is not positive, or a window is empty, longer than
     *     {@code T} or does not lie inside its user's timeline
     */
    public SequenceBatch build(int count, int[] users, int[] from, int[] to) {
        if (count <= 0) {
            throw new IllegalArgumentException("count must be > 0, was " + count);
        }
        int t = length;
        int bt = count * t;
        float[] vectors = new float[bt * vectorSize];
        int[] itemBuckets = new int[bt];
        int[] types = new int[bt];
        int[] surfaces = new int[bt];
        float[] duration = new float[bt];
        float[] angles = new float[bt * angleCount];
        float[] timeLog = new float[bt * 3];
        float[] valid = new float[bt];
        for (int b = 0; b < count; b++) {
            int u = users[b];
            int f = from[b];
            int e = to[b];
            if (u < 0 || u >= timelines.userCount() || f < timelines.start(u) || e > timelines.end(u) || f >= e
                    || e - f > t) {
                throw new IllegalArgumentException("window " + b + " (user " + u + ", actions " + f + ".." + e
                        + ") must be non-empty, at most " + t + " long and inside the user's timeline");
            }
            double newest = timelines.timestamp(e - 1);
            double previous = timelines.timestamp(f);
            for (int a = f; a < e; a++) {
                int i = b * t + t - (e - a);
                int item = timelines.item(a);
                catalog.copyVector(item, vectors, i * vectorSize);
                itemBuckets[i] = buckets.bucketOf(item);
                types[i] = timelines.actionType(a) + 1;
                surfaces[i] = timelines.surface(a) + 1;
                duration[i] = TimeEncoding.log1p(timelines.duration(a));
                double ts = timelines.timestamp(a);
                time.encode(ts, newest - ts, ts - previous, angles, i * angleCount, timeLog, i * 3);
                previous = ts;
                valid[i] = 1f;
            }
        }
        return new SequenceBatch(count, t, vectorSize, angleCount, vectors, itemBuckets, types, surfaces, duration,
                angles, timeLog, valid);
    }
}
