package org.pinnerformer.core.store;

import java.util.Objects;

/** Argument checks shared by the writers. */
final class VectorChecks {
    private VectorChecks() {
    }

    static void requireVector(long userId, float[] vector, int dimension, VectorEncoding encoding) {
        Objects.requireNonNull(vector, "vector");
        if (vector.length != dimension) {
            throw new IllegalArgumentException("the vector of user " + userId + " must have " + dimension
                    + " components, had " + vector.length);
        }
        for (int c = 0; c < dimension; c++) {
            float v = vector[c];
            if (!Float.isFinite(v)) {
                throw new IllegalArgumentException("the vector of user " + userId + " has the non-finite value "
                        + v + " at component " + c);
            }
            if (encoding == VectorEncoding.FLOAT16 && Math.abs(v) > Half.MAX) {
                throw new IllegalArgumentException("the vector of user " + userId + " has the value " + v
                        + " at component " + c + ", beyond the float16 range of +-65504");
            }
        }
    }

    static void requireHeader(java.time.LocalDate date, String modelId, int dimension) {
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(modelId, "modelId");
        if (dimension <= 0) {
            throw new IllegalArgumentException("dimension must be > 0, was " + dimension);
        }
        if (modelId.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > SnapshotFormat.MAX_ID_BYTES) {
            throw new IllegalArgumentException("modelId must be at most " + SnapshotFormat.MAX_ID_BYTES
                    + " bytes of UTF-8, had " + modelId.length() + " characters");
        }
    }
}
