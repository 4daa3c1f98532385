package org.pinnerformer.cli;

import org.pinnerformer.core.pipeline.ExperimentOptions;
import picocli.CommandLine.Option;

/** {@code --strict-split}, shared by the commands that train on a user split (train, quickstart, experiments). */
final class SplitArgs {
    @Option(names = "--strict-split",
            description = "Train only on users that are neither evaluated nor validated (10%% validate); default: "
                    + "every user's actions before that user's cut, evaluated users included (30%% validate).")
    boolean strict;

    /** The experiment options of this split for {@code seed}. */
    ExperimentOptions options(long seed) {
        return strict ? ExperimentOptions.strict(seed) : ExperimentOptions.defaults(seed);
    }
}
