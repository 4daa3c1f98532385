package org.pinnerformer.core.inference;

import java.util.Objects;

/**
 * A user the job could not embed.
 *
 * @param userId the user
 * @param reason what went wrong
 * @param keptPrevious whether the user's vector from the previous snapshot was written instead
 */
public record EmbedFailure(long userId, String reason, boolean keptPrevious) {

    /** Validates. */
    public EmbedFailure {
        Objects.requireNonNull(reason, "reason");
    }
}
