package org.pinnerformer.core.store;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.pinnerformer.api.EmbeddingStore;

/**
 * An embedding store on the heap, for tests and small jobs: float32 vectors, snapshots kept in sorted arrays,
 * publish swaps a reference (readers see the old or the new snapshot), {@code retention} snapshots kept.
 * Thread-safe.
 */
public final class InMemoryEmbeddingStore implements EmbeddingStore {
    private final int retention;
    private volatile TreeMap<LocalDate, ArraySnapshot> snapshots = new TreeMap<>();
    private volatile boolean closed;

    /**
     * An empty store keeping the newest {@code retention} snapshots.
     *
     * @throws IllegalArgumentException if {@code retention < 1}
     */
    public InMemoryEmbeddingStore(int retention) {
        if (retention < 1) {
            throw new IllegalArgumentException("retention must be >= 1 snapshot, was " + retention);
        }
        this.retention = retention;
    }

    @Override
    public Optional<Snapshot> latest() {
        requireOpen();
        Map.Entry<LocalDate, ArraySnapshot> e = snapshots.lastEntry();
        return e == null ? Optional.empty() : Optional.of(e.getValue());
    }

    @Override
    public Optional<Snapshot> snapshot(LocalDate date) {
        requireOpen();
        return Optional.ofNullable(snapshots.get(Objects.requireNonNull(date, "date")));
    }

    @Override
    public List<LocalDate> dates() {
        requireOpen();
        return List.copyOf(snapshots.keySet());
    }

    @Override
    public Writer writer(LocalDate date, String modelId, int dimension) {
        requireOpen();
        VectorChecks.requireHeader(date, modelId, dimension);
        return new Writer() {
            private long[] ids = new long[16];
            private float[] values = new float[16 * dimension];
            private int n;
            private boolean done;

            @Override
            public synchronized void put(long userId, float[] vector) {
                check();
                VectorChecks.requireVector(userId, vector, dimension, VectorEncoding.FLOAT32);
                if (n == ids.length) {
                    ids = Arrays.copyOf(ids, 2 * n);
                    values = Arrays.copyOf(values, Math.multiplyExact(2 * n, dimension));
                }
                ids[n] = userId;
                System.arraycopy(vector, 0, values, n * dimension, dimension);
                n++;
            }

            @Override
            public synchronized void publish() {
                check();
                int[] order = IdOrder.lastOfEachId(ids, n);
                long[] sortedIds = new long[order.length];
                float[] sorted = new float[order.length * dimension];
                for (int i = 0; i < order.length; i++) {
                    sortedIds[i] = ids[order[i]];
                    System.arraycopy(values, order[i] * dimension, sorted, i * dimension, dimension);
                }
                done = true;
                install(new ArraySnapshot(date, modelId, dimension, sortedIds, sorted));
            }

            private void check() {
                if (done) {
                    throw new IllegalStateException("the writer of snapshot " + date
                            + " was already published or closed");
                }
            }

            @Override
            public synchronized void close() {
                done = true;
            }
        };
    }

    private synchronized void install(ArraySnapshot s) {
        TreeMap<LocalDate, ArraySnapshot> next = new TreeMap<>(snapshots);
        next.put(s.date(), s);
        while (next.size() > retention) {
            next.pollFirstEntry();
        }
        snapshots = next;
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("the in-memory embedding store is closed");
        }
    }

    @Override
    public void close() {
        closed = true;
    }

    private record ArraySnapshot(LocalDate date, String modelId, int dimension, long[] ids, float[] values)
            implements IndexedSnapshot {
        @Override
        public long size() {
            return ids.length;
        }

        @Override
        public Optional<float[]> vector(long userId) {
            int i = Arrays.binarySearch(ids, userId);
            return i < 0 ? Optional.empty()
                    : Optional.of(Arrays.copyOfRange(values, i * dimension, (i + 1) * dimension));
        }

        @Override
        public long userId(long index) {
            return ids[(int) Objects.checkIndex(index, ids.length)];
        }

        @Override
        public void copyVector(long index, float[] dst, int offset) {
            int i = (int) Objects.checkIndex(index, ids.length);
            System.arraycopy(values, i * dimension, dst, offset, dimension);
        }

        @Override
        public String toString() {
            return "snapshot " + date + " (" + ids.length + " users, D=" + dimension + ", in memory)";
        }
    }
}
