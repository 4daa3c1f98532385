package org.pinnerformer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.pinnerformer.api.objective.Objective;
import org.pinnerformer.api.objective.TrainingOptions;
import picocli.CommandLine;

/** The CLI trains with the library's one set of defaults ({@link TrainingOptions#defaults()}), and says so. */
class TrainingDefaultsTest extends CommandTestSupport {

    @Test
    void trainAndQuickstartDefaultsAreTheLibraryDefaults() {
        CommandLine.Model.CommandSpec spec = new CommandLine(new PinnerFormerCommand()).getCommandSpec();
        TrainingOptions cli = Commands.trainingOptions(spec, Objective.paperDefault(), 28,
                TrainingOptions.DEFAULT_STEPS, TrainingOptions.DEFAULT_BATCH_SIZE, 1e-3,
                TrainingOptions.DEFAULT_EVALUATE_EVERY, 42);
        assertThat(cli).isEqualTo(TrainingOptions.defaults());
        // The warm-up rule is the builder's: min(steps / 10, 100).
        assertThat(Commands.trainingOptions(spec, Objective.paperDefault(), 28, 6, 32, 1e-3, 3, 1).warmupSteps())
                .isZero();
        assertThat(Commands.trainingOptions(spec, Objective.paperDefault(), 28, 5000, 32, 1e-3, 3, 1).warmupSteps())
                .isEqualTo(100);
    }

    @Test
    void helpShowsTheLibraryDefaults() {
        for (String command : new String[] {"train", "quickstart"}) {
            assertThat(run(command, "--help")).isZero();
            // picocli wraps long lines: compare with runs of white space as one space.
            assertThat(out.toString().replaceAll("\\s+", " ")).as(command).contains("Optimiser steps (default: 300)")
                    .contains("Sequences per batch (default: 64)").contains("Validation cadence in steps (default: 25)");
        }
    }
}
