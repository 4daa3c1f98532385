package org.pinnerformer.cli;

import java.io.PrintWriter;
import org.pinnerformer.api.objective.Objective;
import org.pinnerformer.api.objective.TrainingOptions;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/** Checks and messages shared by the train, evaluate and quickstart commands. */
final class Commands {
    private Commands() {
    }

    /** Training options from command-line values, each checked with a sentence naming the option. */
    static TrainingOptions trainingOptions(CommandSpec spec, Objective objective, double windowDays, int steps,
            int batch, double learningRate, int evaluateEvery, long seed) {
        positive(spec, "--steps", steps);
        positive(spec, "--batch", batch);
        if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--lr must be > 0, was " + learningRate);
        }
        if (!(windowDays > 0) || !Double.isFinite(windowDays)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--window-days must be > 0, was "
                    + windowDays);
        }
        if (evaluateEvery < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--evaluate-every must be >= 0, was "
                    + evaluateEvery);
        }
        return TrainingOptions.builder().objective(ObjectiveConverter.withWindow(objective, windowDays))
                .batchSize(batch).steps(steps).learningRate(learningRate)
                .evaluateEvery(evaluateEvery).seed(seed).build();
    }

    static void positive(CommandSpec spec, String name, int value) {
        if (value <= 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), name + " must be > 0, was " + value);
        }
    }

    /** Prints {@code error: <message>} and returns the failure status 1. */
    static int fail(PrintWriter err, RuntimeException e) {
        err.println("error: " + e.getMessage());
        err.flush();
        return 1;
    }
}
