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

    /** A short stable name: {@code next-action}, {@code sasrec}, {@code all-action}, {@code dense-all-action}. */
    String name();
}
