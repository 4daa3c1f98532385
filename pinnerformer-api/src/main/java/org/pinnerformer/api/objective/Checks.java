package org.pinnerformer.api.objective;

/** Argument checks shared by the records of this package. */
final class Checks {
    private Checks() {
    }

    static void windowDays(double windowDays) {
        if (!(windowDays > 0) || !Double.isFinite(windowDays)) {
            throw new IllegalArgumentException("windowDays must be > 0, was " + windowDays);
        }
    }
}
