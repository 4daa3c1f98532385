package org.pinnerformer.cli;

import org.pinnerformer.api.objective.Objective;
import org.pinnerformer.api.objective.TrainingOptions;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * The optimiser options shared by {@code train} and {@code quickstart}: {@code --steps}, {@code --batch}, {@code --lr}
 * and {@code --evaluate-every}, with {@link TrainingOptions#defaults()}'s values as defaults.
 */
final class TrainingArgs {
    @Option(names = "--steps", paramLabel = "N", defaultValue = "" + TrainingOptions.DEFAULT_STEPS,
            description = "Optimiser steps (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--batch", paramLabel = "B", defaultValue = "" + TrainingOptions.DEFAULT_BATCH_SIZE,
            description = "Sequences per batch (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--lr", paramLabel = "RATE", defaultValue = "1e-3",
            description = "Peak learning rate (default: ${DEFAULT-VALUE}).")
    double learningRate;

    @Option(names = "--evaluate-every", paramLabel = "N", defaultValue = "" + TrainingOptions.DEFAULT_EVALUATE_EVERY,
            description = "Validation cadence in steps (default: ${DEFAULT-VALUE}).")
    int evaluateEvery;

    /** The training options of these values, each checked with a sentence naming the option of {@code spec}. */
    TrainingOptions options(CommandSpec spec, Objective objective, double windowDays, long seed) {
        return Commands.trainingOptions(spec, objective, windowDays, steps, batch, learningRate, evaluateEvery, seed);
    }
}
