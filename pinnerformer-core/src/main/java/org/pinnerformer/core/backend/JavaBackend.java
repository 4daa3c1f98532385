package org.pinnerformer.core.backend;

import java.util.EnumSet;
import java.util.Set;
import org.pinnerformer.api.Checkpoint;
import org.pinnerformer.api.objective.TrainingOptions;
import org.pinnerformer.spi.Backend;
import org.pinnerformer.spi.Capability;
import org.pinnerformer.spi.ItemEncoder;
import org.pinnerformer.spi.Trainer;
import org.pinnerformer.spi.UserEncoder;

/** The {@code java} backend: encoders that run the graph interpreter; holds no native resources. */
final class JavaBackend implements Backend {
    private final int threads;
    private volatile boolean closed;

    JavaBackend(int threads) {
        this.threads = threads;
    }

    @Override
    public String name() {
        return JavaBackendProvider.NAME;
    }

    @Override
    public Set<Capability> capabilities() {
        return EnumSet.of(Capability.INFER);
    }

    @Override
    public Trainer trainer(Checkpoint initial, TrainingOptions options) {
        throw new UnsupportedOperationException("the 'java' backend only runs inference; train with the 'djl' "
                + "(PyTorch) or 'tf' (TensorFlow) backend");
    }

    @Override
    public UserEncoder userEncoder(Checkpoint checkpoint) {
        checkOpen();
        return new JavaUserEncoder(checkpoint, threads);
    }

    @Override
    public ItemEncoder itemEncoder(Checkpoint checkpoint) {
        checkOpen();
        return new JavaItemEncoder(checkpoint, threads);
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the 'java' backend is closed");
        }
    }

    @Override
    public void close() {
        closed = true;
    }
}
