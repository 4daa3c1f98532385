package org.pinnerformer.api.objective;

/** The newest position predicts the user's next positive action. */
public record NextAction() implements Objective {
    @Override
    public String name() {
        return "next-action";
    }
}
