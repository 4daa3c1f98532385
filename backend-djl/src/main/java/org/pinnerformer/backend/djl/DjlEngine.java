package org.pinnerformer.backend.djl;

import ai.djl.ndarray.NDManager;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.pinnerformer.api.BackendException;
import org.pinnerformer.api.Checkpoint;
import org.pinnerformer.api.objective.TrainingOptions;
import org.pinnerformer.model.engine.CompiledModel;
import org.pinnerformer.model.engine.Engine;
import org.pinnerformer.model.engine.TrainingProgram;
import org.pinnerformer.spi.BackendOptions;
import org.pinnerformer.spi.Capability;
import org.pinnerformer.spi.Device;
import org.pinnerformer.spi.graph.Graph;

/** libtorch on one device: the parent of every model's and training program's native memory. */
final class DjlEngine implements Engine {
    private final ai.djl.Device device;
    private final NDManager manager;

    DjlEngine(BackendOptions options) {
        Natives.threads(options.threads());
        Natives.tuneMalloc();
        this.device = resolve(options.device(), ai.djl.engine.Engine.getEngine("PyTorch").getGpuCount());
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
    public Set<Capability> capabilities() {
        return device.isGpu() ? EnumSet.of(Capability.TRAIN, Capability.INFER, Capability.GPU)
                : EnumSet.of(Capability.TRAIN, Capability.INFER);
    }

    ai.djl.Device device() {
        return device;
    }

    @Override
    public synchronized CompiledModel compile(Checkpoint checkpoint, Map<String, Graph> graphs) {
        return new DjlModel(manager, checkpoint, graphs);
    }

    @Override
    public synchronized TrainingProgram train(Graph loss, Checkpoint initial, TrainingOptions options) {
        return new DjlTrainer(manager, loss, initial, options);
    }

    @Override
    public synchronized void close() {
        manager.close();
    }
}
