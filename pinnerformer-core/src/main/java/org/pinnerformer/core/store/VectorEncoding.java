package org.pinnerformer.core.store;

/** How a snapshot stores vector components on disk. */
public enum VectorEncoding {
    /** IEEE float32: vectors read back exactly as written. */
    FLOAT32(4),
    /**
     * IEEE float16 (binary16), rounded to nearest even: half the size. For a component {@code x} with
     * {@code 2^-14 <= |x| <= 65504} the value read back differs from {@code x} by at most {@code |x| * 2^-11};
     * below {@code 2^-14} by at most {@code 2^-25}; larger magnitudes are rejected on write.
     */
    FLOAT16(2);

    private final int bytes;

    VectorEncoding(int bytes) {
        this.bytes = bytes;
    }

    /** Bytes per component. */
    public int bytesPerValue() {
        return bytes;
    }
}
