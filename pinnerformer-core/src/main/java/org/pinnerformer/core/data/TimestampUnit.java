package org.pinnerformer.core.data;

/** The unit of a log's timestamp column; timelines always hold epoch seconds. */
public enum TimestampUnit {
    /** Seconds since the Unix epoch (fractions allowed). */
    SECONDS(1.0),
    /** Milliseconds since the Unix epoch. */
    MILLISECONDS(0.001);

    private final double toSeconds;

    TimestampUnit(double toSeconds) {
        this.toSeconds = toSeconds;
    }

    /** The value in epoch seconds. */
    public double toSeconds(double value) {
        return this == SECONDS ? value : value / 1000.0;
    }

    /** Seconds per unit. */
    public double secondsPerUnit() {
        return toSeconds;
    }
}
