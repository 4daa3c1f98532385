package org.pinnerformer.spi;

/** What a backend can do. */
public enum Capability {
    /** Training: {@link Backend#trainer}. */
    TRAIN,
    /** Inference: {@link Backend#userEncoder} and {@link Backend#itemEncoder}. */
    INFER,
    /** Running on a GPU when one is present and {@link Device#GPU} or {@link Device#AUTO} is asked for. */
    GPU
}
