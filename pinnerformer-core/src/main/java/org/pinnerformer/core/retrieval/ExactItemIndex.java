package org.pinnerformer.core.retrieval;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.pinnerformer.api.ItemIndex;
import org.pinnerformer.api.PinnerFormerException;
import org.pinnerformer.core.data.ItemVectorFiles;
import org.pinnerformer.core.data.ItemVectors;

/**
 * Exact top-K by brute force over an {@link ItemVectors}: every item is scored. One search is split into
 * contiguous shards of items scored on several threads ({@link ExactTopK#searchRange}) whose results are merged
 * ({@link ExactTopK#searchAmong}), so the result is exactly that of a single-threaded search: best first, equal
 * scores ranking the lower item index first.
 *
 * <p>Vectors are validated, not normalised: every row must have unit L2 norm (within
 * {@link ItemVectors#NORM_TOLERANCE}) or be all zero. Thread-safe; searches may run concurrently.
 */
public final class ExactItemIndex implements ItemIndex {
    /** Fewer items than this a thread are not worth splitting a search for. */
    static final int MIN_ITEMS_PER_SHARD = 16_384;
    private static final String VECTORS_FILE = "items.pfvec";

    private final ItemVectors space;
    private final int shards;
    private final ExecutorService pool;
    private volatile boolean closed;

    private ExactItemIndex(ItemVectors space, int threads) {
        this.space = space;
        this.shards = Math.max(1, Math.min(threads, space.size() / MIN_ITEMS_PER_SHARD));
        this.pool = shards == 1 ? null : Executors.newFixedThreadPool(shards - 1, r -> {
            Thread t = new Thread(r, "pinnerformer-exact-index");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * An index over {@code space}, searching on up to {@code threads} threads.
     *
     * @throws IllegalArgumentException if threads is not positive
     */
    public static ExactItemIndex of(ItemVectors space, int threads) {
        Objects.requireNonNull(space, "space").requireUnitOrZero();
        if (threads <= 0) {
            throw new IllegalArgumentException("threads must be > 0, was " + threads);
        }
        return new ExactItemIndex(space, threads);
    }

    /**
     * An index over the given items.
     *
     * @param vectors {@code N x dimension} floats, row-major, each row of unit L2 norm or all zero
     * @throws IllegalArgumentException if the sizes disagree, a value is not finite or a row is not unit-norm
     */
    public static ExactItemIndex of(long[] itemIds, float[] vectors, int dimension, int threads) {
        return of(ItemVectors.unitOrZero(itemIds, vectors, dimension), threads);
    }

    /**
     * Reopens an index saved with {@link #save}.
     *
     * @throws PinnerFormerException if the directory is missing, is not an exact index or its files are damaged
     */
    public static ExactItemIndex open(Path dir, int threads) {
        Objects.requireNonNull(dir, "dir");
        IndexMetadata meta = IndexMetadata.read(dir);
        if (!meta.kind().equals(IndexMetadata.EXACT)) {
            throw new PinnerFormerException(dir + " holds a " + meta.kind() + " index, not an exact one");
        }
        ItemVectors v = ItemVectorFiles.readBinary(dir.resolve(VECTORS_FILE));
        if (v.size() != meta.size() || v.dimension() != meta.dimension()) {
            throw new PinnerFormerException(dir + " is damaged: its metadata records " + meta.size()
                    + " items of dimension " + meta.dimension() + " but " + VECTORS_FILE + " holds " + v.size()
                    + " of dimension " + v.dimension());
        }
        long[] ids = new long[v.size()];
        float[] values = new float[v.size() * v.dimension()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = v.itemId(i);
            System.arraycopy(v.vector(i), 0, values, i * v.dimension(), v.dimension());
        }
        try {
            return of(ids, values, v.dimension(), threads);
        } catch (IllegalArgumentException e) {
            throw new PinnerFormerException(dir + " is damaged: " + e.getMessage(), e);
        }
    }

    /**
     * Writes the index into {@code dir} (created if missing; must not already hold an index), recording the id of
     * the model whose item tower computed the vectors.
     *
     * @throws PinnerFormerException if the directory already holds an index or cannot be written
     */
    public void save(Path dir, String modelId) {
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(modelId, "modelId");
        ItemIndexes.prepareEmptyDirectory(dir);
        long[] ids = new long[space.size()];
        float[] values = new float[space.size() * space.dimension()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = space.itemId(i);
            System.arraycopy(space.vector(i), 0, values, i * space.dimension(), space.dimension());
        }
        ItemVectorFiles.writeBinary(ItemVectors.of(ids, values, space.dimension()), dir.resolve(VECTORS_FILE));
        IndexMetadata.of(IndexMetadata.EXACT, space.dimension(), space.size(), modelId, new Properties()).write(dir);
    }

    /** The indexed items and vectors. */
    public ItemVectors space() {
        return space;
    }

    @Override
    public int dimension() {
        return space.dimension();
    }

    @Override
    public int size() {
        return space.size();
    }

    /**
     * {@inheritDoc}
     *
     * <p>Scores are the exact inner products; fewer than {@code k} hits when the index holds fewer items.
     *
     * @throws IllegalArgumentException also if the query holds a non-finite value
     * @throws IllegalStateException if the index is closed
     */
    @Override
    public List<Hit> search(float[] query, int k) {
        ItemIndexes.checkQuery(query, k, space.dimension());
        if (closed) {
            throw new IllegalStateException("the exact item index is closed");
        }
        int n = space.size();
        int[] best;
        if (shards == 1 || n == 0) {
            best = n == 0 ? new int[0] : ExactTopK.searchRange(space, query, 0, n, k);
        } else {
            List<Future<int[]>> parts = new ArrayList<>(shards - 1);
            for (int s = 1; s < shards; s++) {
                int from = bound(s, n);
                int to = bound(s + 1, n);
                parts.add(pool.submit(() -> ExactTopK.searchRange(space, query, from, to, k)));
            }
            int[] first = ExactTopK.searchRange(space, query, 0, bound(1, n), k);
            int[] candidates = new int[first.length + (shards - 1) * Math.min(k, n)];
            System.arraycopy(first, 0, candidates, 0, first.length);
            int count = first.length;
            for (Future<int[]> f : parts) {
                int[] part = get(f);
                System.arraycopy(part, 0, candidates, count, part.length);
                count += part.length;
            }
            best = ExactTopK.searchAmong(space, query, java.util.Arrays.copyOf(candidates, count), k);
        }
        List<Hit> hits = new ArrayList<>(best.length);
        for (int i : best) {
            hits.add(new Hit(space.itemId(i), space.dot(i, query, 0)));
        }
        return hits;
    }

    private int bound(int shard, int n) {
        return (int) ((long) n * shard / shards);
    }

    private static int[] get(Future<int[]> f) {
        try {
            return f.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r
                    : new IllegalStateException("a search thread failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while searching", e);
        }
    }

    @Override
    public void close() {
        closed = true;
        if (pool != null) {
            pool.shutdownNow();
        }
    }
}
