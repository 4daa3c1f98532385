package org.pinnerformer.model.engine;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.pinnerformer.api.Checkpoint;
import org.pinnerformer.api.objective.TrainingOptions;
import org.pinnerformer.spi.Backend;
import org.pinnerformer.spi.Capability;
import org.pinnerformer.spi.ItemEncoder;
import org.pinnerformer.spi.Trainer;
import org.pinnerformer.spi.UserEncoder;

/**
 * The one {@link Backend}: hands out encoders and trainers over an {@link Engine}, owns them, forgets those its
 * caller closed (so a long-lived backend does not keep every encoder it made) and closes the others, then the
 * engine, when it is closed.
 */
final class EngineBackend implements Backend {
    private final String name;
    private final Engine engine;
    private final Set<Capability> capabilities;
    private final List<Handle> children = new ArrayList<>();
    private boolean closed;

    EngineBackend(String name, Engine engine) {
        this.name = name;
        this.engine = engine;
        Set<Capability> c = EnumSet.noneOf(Capability.class);
        c.addAll(engine.capabilities());
        this.capabilities = Set.copyOf(c);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Set<Capability> capabilities() {
        return capabilities;
    }

    @Override
    public synchronized Trainer trainer(Checkpoint initial, TrainingOptions options) {
        if (!capabilities.contains(Capability.TRAIN)) {
            throw new UnsupportedOperationException("the '" + name + "' backend only runs inference; train with the "
                    + "'djl' (PyTorch) or 'tf' (TensorFlow) backend");
        }
        checkOpen();
        return own(new GraphTrainer(engine, initial, options));
    }

    @Override
    public synchronized UserEncoder userEncoder(Checkpoint checkpoint) {
        checkOpen();
        return own(new GraphUserEncoder(engine, checkpoint));
    }

    @Override
    public synchronized ItemEncoder itemEncoder(Checkpoint checkpoint) {
        checkOpen();
        return own(new GraphItemEncoder(engine, checkpoint));
    }

    private <T extends Handle> T own(T child) {
        children.removeIf(Handle::isClosed);
        children.add(child);
        return child;
    }

    /** How many trainers and encoders the backend still tracks (for tests). */
    synchronized int tracked() {
        return children.size();
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the '" + name + "' backend is closed");
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (Handle c : children) {
            try {
                c.close();
            } catch (RuntimeException e) {
                // Closing is best effort: keep closing the others; the engine below frees what is left.
            }
        }
        children.clear();
        engine.close();
    }
}
