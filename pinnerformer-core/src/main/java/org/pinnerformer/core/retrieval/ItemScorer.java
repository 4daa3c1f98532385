package org.pinnerformer.core.retrieval;

/** The score of an item for one query. */
@FunctionalInterface
public interface ItemScorer {
    /** The score of {@code item}; higher is better. */
    float score(int item);
}
