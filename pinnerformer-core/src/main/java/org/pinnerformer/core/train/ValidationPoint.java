package org.pinnerformer.core.train;

/**
 * One validation during training.
 *
 * @param step the optimiser steps taken when it ran
 * @param score the validation score (higher is better, e.g. Recall@10 on held-out users)
 * @param meanLoss the mean training loss since the previous validation
 */
public record ValidationPoint(long step, double score, double meanLoss) {
}
