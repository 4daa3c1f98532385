package org.pinnerformer.api.objective;

/**
 * Which future actions each sequence position learns to predict (DESIGN.md section 4).
 *
 * <ul>
 *   <li>{@link NextAction}: the newest position predicts the next positive action;</li>
 *   <li>{@link SasRec}: every position predicts the next positive action after it;</li>
 *   <li>{@link AllAction}: the newest position predicts up to {@code maxLabels} positives of the next
 *       {@code windowDays} days;</li>
 *   <li>{@link DenseAllAction}: {@code anchorsPerSequence} random positions each predict one random positive
 *       from the {@code windowDays} days after that position's timestamp.</li>
 * </ul>
 */
public sealed interface Objective permits NextAction, SasRec, AllAction, DenseAllAction {

    /** The paper's default objective: dense all action over 28 days with 32 anchors per sequence. */
    static Objective paperDefault() {
        return new DenseAllAction(28, 32);
    }

    /** The names {@link #byName} accepts, for messages and help texts. */
    String NAMES = "next-action, sasrec, all-action, dense-all-action";

    /**
     * The objective of that {@linkplain #name() name} (case-insensitive); the windowed ones look {@code windowDays}
     * ahead with their usual 32 labels or anchors.
     *
     * @throws IllegalArgumentException for any other name, with a sentence listing {@link #NAMES}
     */
    static Objective byName(String name, double windowDays) {
        switch (name.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "next-action":
                return new NextAction();
            case "sasrec":
                return new SasRec();
            case "all-action":
                return new AllAction(windowDays, 32);
            case "dense-all-action":
                return new DenseAllAction(windowDays, 32);
            default:
                throw new IllegalArgumentException("unknown objective '" + name + "'; expected one of " + NAMES);
        }
    }

    /** A short stable name: {@code next-action}, {@code sasrec}, {@code all-action}, {@code dense-all-action}. */
    String name();
}
