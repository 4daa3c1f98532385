package org.pinnerformer.api.objective;

/** Every position predicts the next positive action after it (SASRec's objective). */
public record SasRec() implements Objective {
    @Override
    public String name() {
        return "sasrec";
    }
}
