package org.pinnerformer.backend.tf;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.pinnerformer.api.BackendException;
import org.pinnerformer.api.Checkpoint;
import org.pinnerformer.api.objective.TrainingOptions;
import org.pinnerformer.spi.Backend;
import org.pinnerformer.spi.BackendOptions;
import org.pinnerformer.spi.Capability;
import org.pinnerformer.spi.Device;
import org.pinnerformer.spi.ItemEncoder;
import org.pinnerformer.spi.Trainer;
import org.pinnerformer.spi.UserEncoder;
import org.tensorflow.proto.ConfigProto;

/** TensorFlow sessions on one device; owns every trainer and encoder it hands out. */
final class TfBackend implements Backend {
    private final boolean gpu;
    private final ConfigProto config;
    private final List<AutoCloseable> children = new ArrayList<>();
    private boolean closed;

    TfBackend(BackendOptions options) {
        this.gpu = resolve(options.device(), options.device() == Device.CPU ? () -> false : Natives::gpuAvailable);
        this.config = Natives.config(options.threads(), gpu);
    }

    /** Whether to run on the GPU for a requested device, given whether TensorFlow can use one. */
    static boolean resolve(Device requested, BooleanSupplier gpuAvailable) {
        return switch (requested) {
            case CPU -> false;
            case AUTO -> gpuAvailable.getAsBoolean();
            case GPU -> {
                if (!gpuAvailable.getAsBoolean()) {
                    throw new BackendException("device GPU was requested but TensorFlow sees no GPU: the bundled "
                            + "org.tensorflow:tensorflow-core-native jar (classifier linux-x86_64) is built without "
                            + "CUDA; put a CUDA build of tensorflow-core-native (classifier linux-x86_64-gpu) on the "
                            + "class path on a machine with an NVIDIA driver, or choose device CPU or AUTO");
                }
                yield true;
            }
        };
    }

    @Override
    public String name() {
        return TfBackendProvider.NAME;
    }

    @Override
    public Set<Capability> capabilities() {
        return gpu ? EnumSet.of(Capability.TRAIN, Capability.INFER, Capability.GPU)
                : EnumSet.of(Capability.TRAIN, Capability.INFER);
    }

    @Override
    public synchronized Trainer trainer(Checkpoint initial, TrainingOptions options) {
        checkOpen();
        return own(new TfTrainer(initial, options, config));
    }

    @Override
    public synchronized UserEncoder userEncoder(Checkpoint checkpoint) {
        checkOpen();
        return own(new TfUserEncoder(checkpoint, config));
    }

    @Override
    public synchronized ItemEncoder itemEncoder(Checkpoint checkpoint) {
        checkOpen();
        return own(new TfItemEncoder(checkpoint, config));
    }

    private <T extends AutoCloseable> T own(T child) {
        // Forget what the caller already closed, so a long-lived backend does not keep every encoder it made.
        children.removeIf(TfBackend::isClosed);
        children.add(child);
        return child;
    }

    private static boolean isClosed(AutoCloseable c) {
        return c instanceof TfUserEncoder u ? u.isClosed()
                : c instanceof TfItemEncoder i ? i.isClosed()
                : c instanceof TfTrainer t && t.isClosed();
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the 'tf' backend is closed");
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (AutoCloseable c : children) {
            try {
                c.close();
            } catch (Exception e) {
                // Closing is best effort: each child frees its own graph and session.
            }
        }
    }
}
