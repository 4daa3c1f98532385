package org.pinnerformer.api.objective;

/**
 * The newest position predicts up to {@code maxLabels} positives of the {@code windowDays} days after it.
 *
 * @param windowDays the future window K, in days ({@code > 0}; fractions allowed)
 * @param maxLabels the most positives sampled per sequence ({@code > 0}; the paper uses 32)
 */
public record AllAction(double windowDays, int maxLabels) implements Objective {

    /** The paper's setting: 28 days, 32 labels. */
    public AllAction() {
        this(28, 32);
    }

    /** Validates the window and the label cap. */
    public AllAction {
        Checks.windowDays(windowDays);
        if (maxLabels <= 0) {
            throw new IllegalArgumentException("maxLabels must be > 0, was " + maxLabels);
        }
    }

    @Override
    public String name() {
        return "all-action";
    }
}
