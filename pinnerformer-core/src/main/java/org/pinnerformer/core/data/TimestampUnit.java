package org.pinnerformer.core.data;

/** The unit of a log's timestamp column; timelines always hold epoch seconds. */
public enum TimestampUnit {
    /** Seconds since the Unix epoch (fractions allowed). */
    SECONDS(1.0),
    /** Milliseconds since the Unix epoch. */
    MILLISECONDS(0.001);

    /** The earliest timestamp timelines accept: 0001-01-01T00:00:00Z, in epoch seconds. */
    public static final double EARLIEST_SECONDS = -62_135_596_800.0;
    /**
     * The latest timestamp timelines accept: 9999-12-31T23:59:59Z, in epoch seconds. A later time is almost
     * always a unit mistake (milliseconds read as seconds), and any two accepted times differ by a finite
     * amount, so the time features derived from them are finite.
     */
    public static final double LATEST_SECONDS = 253_402_300_799.0;

    private final double toSeconds;

    TimestampUnit(double toSeconds) {
        this.toSeconds = toSeconds;
    }

    /** The value in epoch seconds. */
    public double toSeconds(double value) {
        return this == SECONDS ? value : value / 1000.0;
    }

    /** Whether {@code seconds} lies in {@code [EARLIEST_SECONDS, LATEST_SECONDS]} (false for NaN). */
    public static boolean inRange(double seconds) {
        return seconds >= EARLIEST_SECONDS && seconds <= LATEST_SECONDS;
    }

    /** Seconds per unit. */
    public double secondsPerUnit() {
        return toSeconds;
    }
}
