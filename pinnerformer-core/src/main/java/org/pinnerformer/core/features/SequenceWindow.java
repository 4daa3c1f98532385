package org.pinnerformer.core.features;

import java.util.Objects;
import org.pinnerformer.core.data.Timelines;

/**
 * The input of one sequence: actions {@code from .. to - 1} of user {@code user}'s timeline (indexes into
 * {@link Timelines}), at most the model's {@code M} most recent actions up to {@code to}; the newest input
 * action is {@code to - 1}.
 *
 * @param user the dense user index
 * @param from the first (oldest) action, inclusive
 * @param to one past the newest action
 */
public record SequenceWindow(int user, int from, int to) {

    /** Validates that the window is non-empty. */
    public SequenceWindow {
        if (user < 0) {
            throw new IllegalArgumentException("user must be >= 0, was " + user);
        }
        if (from < 0 || to <= from) {
            throw new IllegalArgumentException("a window needs 0 <= from < to, was from=" + from + ", to=" + to);
        }
    }

    /**
     * The last {@code maxLength} actions of {@code user} before action index {@code end} (exclusive).
     *
     * @throws IllegalArgumentException if {@code end} is not in {@code (start(user), end(user)]} or
     *     {@code maxLength} is not positive
     */
    public static SequenceWindow last(Timelines timelines, int user, int end, int maxLength) {
        Objects.requireNonNull(timelines, "timelines");
        Objects.checkIndex(user, timelines.userCount());
        if (maxLength <= 0) {
            throw new IllegalArgumentException("maxLength must be > 0, was " + maxLength);
        }
        int start = timelines.start(user);
        if (end <= start || end > timelines.end(user)) {
            throw new IllegalArgumentException("end must lie in (" + start + ", " + timelines.end(user)
                    + "] for user " + timelines.userId(user) + ", was " + end);
        }
        return new SequenceWindow(user, Math.max(start, end - maxLength), end);
    }

    /** The number of actions in the window. */
    public int length() {
        return to - from;
    }
}
