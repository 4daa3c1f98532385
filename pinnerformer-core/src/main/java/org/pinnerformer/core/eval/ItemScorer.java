package org.pinnerformer.core.eval;

/** The score of an item for one query. */
@FunctionalInterface
interface ItemScorer {
    float score(int item);
}
