package org.pinnerformer.backend.djl;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
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

/** A libtorch engine on one device; owns every trainer and encoder it hands out. */
final class DjlBackend implements Backend {
    private final ai.djl.Device device;
    private final NDManager manager;
    private final List<AutoCloseable> children = new ArrayList<>();
    private boolean closed;

    DjlBackend(BackendOptions options) {
        Natives.threads(options.threads());
        Natives.tuneMalloc();
        this.device = resolve(options.device(), Engine.getEngine("PyTorch").getGpuCount());
        this.manager = NDManager.newBaseManager(device, "PyTorch");
    }

    /** The DJL device for a requested one, given how many GPUs libtorch sees. */
    static ai.djl.Device resolve(Device requested, int gpus) {
        return switch (requested) {
            case CPU -> ai.djl.Device.cpu();
            case AUTO -> gpus > 0 ? ai.djl.Device.gpu() : ai.djl.Device.cpu();
            case GPU -> {
                if (gpus == 0) {
                    throw new BackendException("device GPU was requested but libtorch sees no GPU: the bundled "
                            + "ai.djl.pytorch:pytorch-native-cpu jar has no CUDA support; put a CUDA build such as "
                            + "ai.djl.pytorch:pytorch-native-cu124 (with a matching pytorch-jni) on the class path "
                            + "on a machine with an NVIDIA driver, or choose device CPU or AUTO");
                }
                yield ai.djl.Device.gpu();
            }
        };
    }

    @Override
    public String name() {
        return DjlBackendProvider.NAME;
    }

    @Override
    public Set<Capability> capabilities() {
        return device.isGpu() ? EnumSet.of(Capability.TRAIN, Capability.INFER, Capability.GPU)
                : EnumSet.of(Capability.TRAIN, Capability.INFER);
    }

    ai.djl.Device device() {
        return device;
    }

    @Override
    public synchronized Trainer trainer(Checkpoint initial, TrainingOptions options) {
        checkOpen();
        return own(new DjlTrainer(manager, initial, options));
    }

    @Override
    public synchronized UserEncoder userEncoder(Checkpoint checkpoint) {
        checkOpen();
        return own(new DjlUserEncoder(manager, checkpoint));
    }

    @Override
    public synchronized ItemEncoder itemEncoder(Checkpoint checkpoint) {
        checkOpen();
        return own(new DjlItemEncoder(manager, checkpoint));
    }

    private <T extends AutoCloseable> T own(T child) {
        // Forget what the caller already closed, so a long-lived backend does not keep every encoder it made.
        children.removeIf(DjlBackend::isClosed);
        children.add(child);
        return child;
    }

    /** How many trainers and encoders the backend still tracks (for tests). */
    synchronized int tracked() {
        return children.size();
    }

    private static boolean isClosed(AutoCloseable c) {
        return c instanceof DjlUserEncoder u ? u.isClosed()
                : c instanceof DjlItemEncoder i ? i.isClosed()
                : c instanceof DjlTrainer t && t.isClosed();
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the 'djl' backend is closed");
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
                // Closing is best effort: the manager below frees the native memory anyway.
            }
        }
        children.clear();
        manager.close();
    }
}
