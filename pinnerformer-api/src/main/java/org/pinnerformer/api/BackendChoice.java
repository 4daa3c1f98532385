package org.pinnerformer.api;

import java.util.Objects;

/**
 * Which backend the front door ({@link PinnerFormer}) runs a model on: chosen automatically, by name, or by what it
 * must be able to do. The operation adds what it needs itself (training needs a backend that trains; embedding, the
 * item index and the daily job one that infers), so an application only says what it cares about.
 */
public sealed interface BackendChoice {

    /**
     * The first usable backend that can do the operation; for inference {@code onnx} when it is present and usable.
     * The system property {@value ConfigKeys#BACKEND} overrides this choice.
     */
    record Automatic() implements BackendChoice {
    }

    /**
     * The backend of that name ({@code djl}, {@code tf}, {@code onnx}, {@code java}); an error names the backends
     * found when it is missing or cannot do the operation.
     *
     * @param name the backend's name, not blank
     */
    record Named(String name) implements BackendChoice {
        /** Validates. */
        public Named {
            Objects.requireNonNull(name, "name");
            if (name.isBlank()) {
                throw new IllegalArgumentException("a backend name must not be blank");
            }
        }
    }

    /** The first usable backend that can run on a GPU, asked to run there. */
    record Gpu() implements BackendChoice {
    }

    /** The first usable backend that can do the operation (see {@link Automatic}). */
    static BackendChoice automatic() {
        return new Automatic();
    }

    /** The backend of that name. */
    static BackendChoice named(String name) {
        return new Named(name);
    }

    /** A backend that runs on a GPU. */
    static BackendChoice gpu() {
        return new Gpu();
    }
}
