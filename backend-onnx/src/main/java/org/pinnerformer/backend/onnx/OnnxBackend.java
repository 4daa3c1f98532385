package org.pinnerformer.backend.onnx;

import ai.onnxruntime.OrtEnvironment;
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

/** The {@code onnx} backend: encoders on ONNX Runtime sessions; closes the encoders it handed out. */
final class OnnxBackend implements Backend {
    private final OrtEnvironment env;
    private final OnnxSettings settings;
    private final List<AutoCloseable> handedOut = new ArrayList<>();
    private boolean closed;

    OnnxBackend(OrtEnvironment env, OnnxSettings settings) {
        this.env = env;
        this.settings = settings;
    }

    @Override
    public String name() {
        return OnnxBackendProvider.NAME;
    }

    @Override
    public Set<Capability> capabilities() {
        return EnumSet.of(Capability.INFER);
    }

    @Override
    public Trainer trainer(Checkpoint initial, TrainingOptions options) {
        throw new UnsupportedOperationException("the 'onnx' backend only runs inference (ONNX Runtime's Java build "
                + "cannot train); train with the 'djl' (PyTorch) or 'tf' (TensorFlow) backend");
    }

    @Override
    public synchronized UserEncoder userEncoder(Checkpoint checkpoint) {
        checkOpen();
        OnnxUserEncoder e = new OnnxUserEncoder(env, settings, checkpoint);
        forgetClosed();
        handedOut.add(e);
        return e;
    }

    @Override
    public synchronized ItemEncoder itemEncoder(Checkpoint checkpoint) {
        checkOpen();
        OnnxItemEncoder e = new OnnxItemEncoder(env, settings, checkpoint);
        forgetClosed();
        handedOut.add(e);
        return e;
    }

    /** How many encoders the backend still tracks (for tests). */
    synchronized int tracked() {
        return handedOut.size();
    }

    /** Forgets what the caller already closed, so a long-lived backend does not keep every encoder it made. */
    private void forgetClosed() {
        handedOut.removeIf(c -> c instanceof OnnxUserEncoder u ? u.isClosed()
                : c instanceof OnnxItemEncoder i && i.isClosed());
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the 'onnx' backend is closed");
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (AutoCloseable c : handedOut) {
            try {
                c.close();
            } catch (Exception e) {
                // keep closing the others; each encoder's close is idempotent
            }
        }
        handedOut.clear();
    }
}
