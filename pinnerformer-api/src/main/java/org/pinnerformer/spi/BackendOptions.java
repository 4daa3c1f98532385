package org.pinnerformer.spi;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.nio.file.Path;

/**
 * Options every backend understands, plus backend-specific properties.
 *
 * @param device where to run
 * @param threads intra-op threads; 0 lets the backend choose (usually the number of cores)
 * @param nativeDirectory where a backend may extract native libraries; empty means the backend's documented
 *     default
 * @param properties backend-specific settings, namespaced by backend ({@code pinnerformer.djl.xxx})
 */
public record BackendOptions(Device device, int threads, Optional<Path> nativeDirectory,
        Map<String, String> properties) {

    /** Validates and copies. */
    public BackendOptions {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(nativeDirectory, "nativeDirectory");
        Objects.requireNonNull(properties, "properties");
        if (threads < 0) {
            throw new IllegalArgumentException("threads must be >= 0, was " + threads);
        }
        properties = Map.copyOf(properties);
    }

    /** CPU, backend-chosen thread count, default native directory, no properties. */
    public static BackendOptions defaults() {
        return new BackendOptions(Device.CPU, 0, Optional.empty(), Map.of());
    }

    /** A copy with another device. */
    public BackendOptions withDevice(Device d) {
        return new BackendOptions(d, threads, nativeDirectory, properties);
    }

    /** A copy with another thread count. */
    public BackendOptions withThreads(int n) {
        return new BackendOptions(device, n, nativeDirectory, properties);
    }

    /** A property, or empty. */
    public Optional<String> property(String key) {
        return Optional.ofNullable(properties.get(key));
    }
}
