package org.pinnerformer.spi.graph;

/** Element types of graph values. */
public enum DType {
    /** 32-bit IEEE float. */
    FLOAT32,
    /** 32-bit signed integer (indices; backends that need 64-bit indices widen them). */
    INT32
}
