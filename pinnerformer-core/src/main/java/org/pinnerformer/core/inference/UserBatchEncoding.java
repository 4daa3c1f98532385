package org.pinnerformer.core.inference;

import java.util.Objects;
import org.pinnerformer.core.features.InferenceBatches;
import org.pinnerformer.core.features.SequenceFeatures;
import org.pinnerformer.spi.UserEncoder;

/**
 * Encodes a batch of users as the daily jobs do: the whole batch in one call, and if that fails, one user at a time
 * so each failure has its own reason; a user whose vector has a non-finite component fails too. Used by
 * {@link BatchInferenceJob} and by the Spark job, so both treat failures alike.
 */
public final class UserBatchEncoding {
    private UserBatchEncoding() {
    }

    /**
     * The users' vectors at {@code time}, {@code [users.length, d]} row-major; rows of failed users are 0.
     *
     * @param errors filled with one reason per failed user (same index as {@code users}), null where it succeeded;
     *     must have {@code users.length} entries
     */
    public static float[] encode(UserEncoder encoder, SequenceFeatures features, int[] users, double time, int d,
            String[] errors) {
        Objects.requireNonNull(encoder, "encoder");
        Objects.requireNonNull(features, "features");
        if (errors.length != users.length) {
            throw new IllegalArgumentException("errors must have one entry per user (" + users.length + "), had "
                    + errors.length);
        }
        float[] out;
        try {
            out = encoder.encode(InferenceBatches.at(features, users, time));
            if (out.length != users.length * d) {
                throw new IllegalStateException("the user encoder returned " + out.length + " values for "
                        + users.length + " users of dimension " + d);
            }
        } catch (RuntimeException batchFailure) {
            // Find who fails, one user at a time, so each failure has its own reason.
            out = new float[users.length * d];
            for (int b = 0; b < users.length; b++) {
                try {
                    float[] one = encoder.encode(InferenceBatches.at(features, new int[] {users[b]}, time));
                    System.arraycopy(one, 0, out, b * d, d);
                } catch (RuntimeException e) {
                    errors[b] = e.getClass().getSimpleName() + ": " + e.getMessage();
                }
            }
        }
        for (int b = 0; b < users.length; b++) {
            for (int c = 0; c < d && errors[b] == null; c++) {
                if (!Float.isFinite(out[b * d + c])) {
                    errors[b] = "the encoder returned the non-finite value " + out[b * d + c] + " at component " + c;
                }
            }
        }
        return out;
    }
}
