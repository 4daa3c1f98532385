package org.pinnerformer.spi;

/** Where a backend runs. */
public enum Device {
    /** The CPU. */
    CPU,
    /** A GPU; a backend fails with a clear sentence when none is usable. */
    GPU,
    /** A GPU when one is usable, else the CPU. */
    AUTO
}
