package org.pinnerformer.core.backend;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.WeakHashMap;
import org.pinnerformer.api.Checkpoint;
import org.pinnerformer.api.objective.TrainingOptions;
import org.pinnerformer.spi.Backend;
import org.pinnerformer.spi.Capability;
import org.pinnerformer.spi.ItemEncoder;
import org.pinnerformer.spi.Trainer;
import org.pinnerformer.spi.UserEncoder;

/**
 * The {@code java} backend: encoders that run the graph interpreter; holds no native resources. Closing it closes
 * the encoders it handed out, as {@link Backend} promises; it holds them weakly, so encoders its caller dropped
 * are not kept alive.
 */
final class JavaBackend implements Backend {
    private final int threads;
    private final Set<AutoCloseable> handedOut = Collections.newSetFromMap(new WeakHashMap<>());
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
    public synchronized UserEncoder userEncoder(Checkpoint checkpoint) {
        checkOpen();
        JavaUserEncoder e = new JavaUserEncoder(checkpoint, threads);
        handedOut.add(e);
        return e;
    }

    @Override
    public synchronized ItemEncoder itemEncoder(Checkpoint checkpoint) {
        checkOpen();
        JavaItemEncoder e = new JavaItemEncoder(checkpoint, threads);
        handedOut.add(e);
        return e;
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the 'java' backend is closed");
        }
    }

    @Override
    public void close() {
        List<AutoCloseable> open;
        synchronized (this) {
            closed = true;
            open = new ArrayList<>(handedOut);
            handedOut.clear();
        }
        for (AutoCloseable c : open) {
            try {
                c.close();
            } catch (Exception e) {
                // the Java encoders' close only sets a flag; keep closing the others regardless
            }
        }
    }
}
