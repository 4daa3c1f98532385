package org.pinnerformer.core.eval;

/**
 * How often a user's embedding is recomputed during the evaluation window {@code (t, t + windowDays]} (the
 * paper compares a daily batch job with realtime inference). Every positive item is scored against exactly one
 * embedding, the latest one computed before it happened; a day is 86,400 seconds counted from the user's cut
 * {@code t} (not a calendar day, since cuts differ between users). A positive's time is the time of its first
 * positive action in the window.
 */
public enum InferenceMode {
    /** One embedding at {@code t} (actions {@code <= t}) for the whole window: the default. */
    ONCE,
    /**
     * One embedding at the start of each day {@code d = 0 .. windowDays-1} of the window, from the actions at or
     * before {@code t + d days}; a positive at time {@code p} in {@code (t + d days, t + (d+1) days]} is scored
     * against day {@code d}'s embedding.
     */
    DAILY,
    /**
     * An embedding after every action: a positive at time {@code p} is scored against the embedding from all
     * actions strictly before {@code p} (actions in the same second as the positive, itself included, are not
     * used, so that nothing simultaneous leaks).
     */
    REALTIME
}
