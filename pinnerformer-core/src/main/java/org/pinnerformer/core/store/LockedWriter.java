package org.pinnerformer.core.store;

import org.pinnerformer.api.EmbeddingStore;

/** A snapshot writer that holds its store's {@link StoreLock} until it has published (retention included) or closed. */
final class LockedWriter implements EmbeddingStore.Writer {
    private final EmbeddingStore.Writer writer;
    private final StoreLock lock;

    LockedWriter(EmbeddingStore.Writer writer, StoreLock lock) {
        this.writer = writer;
        this.lock = lock;
    }

    @Override
    public void put(long userId, float[] vector) {
        writer.put(userId, vector);
    }

    @Override
    public void publish() {
        writer.publish();
        lock.close();
    }

    @Override
    public void close() {
        try {
            writer.close();
        } finally {
            lock.close();
        }
    }
}
