package org.pinnerformer.spi;

import java.util.Objects;
import java.util.Optional;

/**
 * The result of {@link BackendProvider#probe()}: whether the backend can be used here, with a sentence
 * that says which engine version was found or why it cannot be used.
 *
 * @param usable whether {@link BackendProvider#create} may be called
 * @param message the engine and version when usable; otherwise why not and what to do
 * @param failure the error that made it unusable, if any
 */
public record Probe(boolean usable, String message, Optional<Throwable> failure) {

    /** Validates. */
    public Probe {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(failure, "failure");
    }

    /** A usable backend. */
    public static Probe usable(String message) {
        return new Probe(true, message, Optional.empty());
    }

    /** An unusable backend. */
    public static Probe unusable(String message, Throwable failure) {
        return new Probe(false, message, Optional.ofNullable(failure));
    }
}
