package org.pinnerformer.spi;

import java.util.Set;

/**
 * Finds and creates one backend. Registered through {@link java.util.ServiceLoader}; its public
 * no-argument constructor loads nothing native.
 */
public interface BackendProvider {

    /** A short stable name, lower case ({@code djl}, {@code tf}, {@code onnx}, {@code java}). */
    String name();

    /** What backends of this provider can do, when {@link #probe()} says they are usable. */
    Set<Capability> capabilities();

    /**
     * Loads the engine once and says whether it is usable. The result is cached: the first failure is
     * remembered and returned again, without retrying. Never throws.
     */
    Probe probe();

    /**
     * Creates a backend.
     *
     * @throws org.pinnerformer.api.BackendException if the probe failed or the options cannot be honoured
     *     (for example {@link Device#GPU} where no GPU is usable)
     */
    Backend create(BackendOptions options);
}
