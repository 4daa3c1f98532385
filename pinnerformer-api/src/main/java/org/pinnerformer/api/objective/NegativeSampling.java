package org.pinnerformer.api.objective;

/**
 * How negatives are drawn for the sampled softmax.
 *
 * @param inBatchCap the most in-batch candidates (other pairs' positives) per batch; 0 disables
 *     in-batch negatives
 * @param uniformNegatives R, the number of items drawn uniformly from the catalogue per batch
 * @param logQCorrection whether {@code log Q} of each candidate is subtracted from its logit
 */
public record NegativeSampling(int inBatchCap, int uniformNegatives, boolean logQCorrection) {

    /** Validates the counts; at least one kind of negative is required. */
    public NegativeSampling {
        if (inBatchCap < 0) {
            throw new IllegalArgumentException("inBatchCap must be >= 0, was " + inBatchCap);
        }
        if (uniformNegatives < 0) {
            throw new IllegalArgumentException("uniformNegatives must be >= 0, was " + uniformNegatives);
        }
        if (inBatchCap == 0 && uniformNegatives == 0) {
            throw new IllegalArgumentException("at least one of inBatchCap and uniformNegatives must be > 0");
        }
    }

    /** In-batch negatives up to 4096, 1024 uniform negatives, logQ correction on. */
    public static NegativeSampling defaults() {
        return new NegativeSampling(4096, 1024, true);
    }
}
