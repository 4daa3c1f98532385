package org.pinnerformer.core.platform;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import org.pinnerformer.api.BackendChoice;
import org.pinnerformer.api.Backends;
import org.pinnerformer.api.ConfigKeys;
import org.pinnerformer.core.inference.BatchInferenceJob;
import org.pinnerformer.spi.Backend;
import org.pinnerformer.spi.BackendOptions;
import org.pinnerformer.spi.Capability;
import org.pinnerformer.spi.Device;

/** Turns the api's {@link BackendChoice} into a backend that can do an operation. */
final class BackendPicker {
    private BackendPicker() {
    }

    /** A backend that can train and infer (validation encodes), as {@code choice} says. */
    static Backend forTraining(Backends backends, BackendChoice choice) {
        return open(backends, choice, true);
    }

    /** A backend that can infer, as {@code choice} says; automatically {@code onnx} first, as the daily job does. */
    static Backend forInference(Backends backends, BackendChoice choice) {
        return open(backends, choice, false);
    }

    private static Backend open(Backends backends, BackendChoice choice, boolean training) {
        Objects.requireNonNull(backends, "backends");
        Objects.requireNonNull(choice, "choice");
        Capability[] need = training ? new Capability[] {Capability.TRAIN, Capability.INFER}
                : new Capability[] {Capability.INFER};
        BackendOptions options = BackendOptions.defaults();
        if (choice instanceof BackendChoice.Named named) {
            return backends.create(named.name(), options, need);
        }
        if (choice instanceof BackendChoice.Gpu) {
            Capability[] withGpu = Arrays.copyOf(need, need.length + 1);
            withGpu[need.length] = Capability.GPU;
            return backends.create(options.withDevice(Device.GPU), withGpu);
        }
        if (training) {
            return backends.create(options, need);
        }
        Optional<String> forced = Optional.ofNullable(System.getProperty(ConfigKeys.BACKEND))
                .map(String::trim).filter(s -> !s.isEmpty());
        return BatchInferenceJob.openBackend(backends, forced, options);
    }
}
