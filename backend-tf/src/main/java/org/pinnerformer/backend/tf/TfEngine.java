package org.pinnerformer.backend.tf;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
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
import org.tensorflow.proto.ConfigProto;

/** TensorFlow on one device: each model and training program is its own TF graph and session with this config. */
final class TfEngine implements Engine {
    private final boolean gpu;
    private final ConfigProto config;

    TfEngine(BackendOptions options) {
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
    public Set<Capability> capabilities() {
        return gpu ? EnumSet.of(Capability.TRAIN, Capability.INFER, Capability.GPU)
                : EnumSet.of(Capability.TRAIN, Capability.INFER);
    }

    @Override
    public CompiledModel compile(Checkpoint checkpoint, Map<String, Graph> graphs) {
        return new TfModel(checkpoint, graphs, config);
    }

    @Override
    public TrainingProgram train(Graph loss, Checkpoint initial, TrainingOptions options) {
        return new TfTrainer(loss, initial, options, config);
    }

    @Override
    public void close() {
        // each model and training program closes its own graph and session
    }
}
