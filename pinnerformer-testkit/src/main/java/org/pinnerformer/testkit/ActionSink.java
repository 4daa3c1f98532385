package org.pinnerformer.testkit;

/**
 * Receives generated actions one at a time, as primitives (no object per action), in order: user by user, and
 * each user's actions by time.
 */
@FunctionalInterface
public interface ActionSink {

    /**
     * One action.
     *
     * @param userId the external user id
     * @param itemIndex the item's index in {@link SyntheticActivity#catalog()}
     * @param timestamp epoch seconds (millisecond resolution)
     * @param actionType index into {@link SyntheticActivity#ACTION_TYPES}
     * @param surface index into {@link SyntheticActivity#SURFACES}
     * @param durationSeconds how long the action lasted, {@code >= 0}
     */
    void accept(long userId, int itemIndex, double timestamp, int actionType, int surface, float durationSeconds);
}
