package org.pinnerformer.api.objective;

/**
 * Random positions ("anchors") each predict one random positive from the {@code windowDays} days
 * after that position's timestamp. The paper's default objective.
 *
 * @param windowDays the future window K, in days ({@code > 0}; fractions allowed; the paper uses 28)
 * @param anchorsPerSequence how many positions of each sequence are sampled as anchors ({@code > 0})
 */
public record DenseAllAction(double windowDays, int anchorsPerSequence) implements Objective {

    /** Validates the window and the anchor count. */
    public DenseAllAction {
        Checks.windowDays(windowDays);
        if (anchorsPerSequence <= 0) {
            throw new IllegalArgumentException("anchorsPerSequence must be > 0, was " + anchorsPerSequence);
        }
    }

    @Override
    public String name() {
        return "dense-all-action";
    }
}
