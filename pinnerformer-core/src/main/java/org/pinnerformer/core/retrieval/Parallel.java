package org.pinnerformer.core.retrieval;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Runs indexed work on a few threads, each with its own scratch state; tasks are handed out in small chunks so
 * that uneven work balances. One thread runs on the caller's thread.
 */
public final class Parallel implements AutoCloseable {
    /** The work for one index with a thread's scratch state. */
    @FunctionalInterface
    public interface Task<S> {
        void run(S scratch, int index);
    }

    private static final int CHUNK = 8;

    private final int threads;
    private final ExecutorService pool;

    public Parallel(int threads) {
        this.threads = threads;
        this.pool = threads == 1 ? null : Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "pinnerformer-eval");
            t.setDaemon(true);
            return t;
        });
    }

    public <S> void forEach(int n, Supplier<S> scratch, Task<S> task) {
        AtomicInteger next = new AtomicInteger();
        Runnable worker = () -> {
            S s = scratch.get();
            for (int from = next.getAndAdd(CHUNK); from < n; from = next.getAndAdd(CHUNK)) {
                int to = Math.min(n, from + CHUNK);
                for (int i = from; i < to; i++) {
                    task.run(s, i);
                }
            }
        };
        if (pool == null || n <= CHUNK) {
            worker.run();
            return;
        }
        List<Future<?>> futures = new ArrayList<>(threads);
        for (int t = 0; t < threads; t++) {
            futures.add(pool.submit(worker));
        }
        RuntimeException failure = null;
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (ExecutionException e) {
                if (failure == null) {
                    failure = e.getCause() instanceof RuntimeException r ? r
                            : new IllegalStateException("an evaluation thread failed", e.getCause());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for evaluation threads", e);
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }
}
