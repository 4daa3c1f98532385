package org.pinnerformer.api;

import java.util.Objects;

/**
 * One user action on one item, as read from a log.
 *
 * @param userId the user
 * @param itemId the item
 * @param timestamp seconds since the Unix epoch; fractions of a second are allowed
 * @param actionType the action type, looked up in the action-type {@link Vocabulary}
 * @param surface where the action happened, looked up in the surface {@link Vocabulary}
 * @param durationSeconds how long the action lasted, {@code >= 0} (0 when unknown)
 */
public record Action(long userId, long itemId, double timestamp, String actionType, String surface,
        double durationSeconds) {

    /** Validates every field. */
    public Action {
        Objects.requireNonNull(actionType, "actionType");
        Objects.requireNonNull(surface, "surface");
        if (!Double.isFinite(timestamp)) {
            throw new IllegalArgumentException("timestamp must be finite, was " + timestamp);
        }
        if (!Double.isFinite(durationSeconds) || durationSeconds < 0) {
            throw new IllegalArgumentException("durationSeconds must be finite and >= 0, was " + durationSeconds);
        }
        if (actionType.isEmpty()) {
            throw new IllegalArgumentException("actionType must not be empty");
        }
        if (surface.isEmpty()) {
            throw new IllegalArgumentException("surface must not be empty");
        }
    }
}
