package org.pinnerformer.core.data;

import java.util.Objects;

/**
 * Something read from files, with the report of what was read and skipped.
 *
 * @param <T> what was read
 * @param value what was read
 * @param report what was read and skipped
 */
public record ReadResult<T>(T value, ReadReport report) {
    /** Validates both fields. */
    public ReadResult {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(report, "report");
    }
}
