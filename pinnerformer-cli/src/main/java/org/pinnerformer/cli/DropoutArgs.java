package org.pinnerformer.cli;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** {@code --dropout}, shared by the commands that train a model (next-item, train, quickstart). */
final class DropoutArgs {
    @Option(names = "--dropout", paramLabel = "RATE", defaultValue = "0",
            description = "Dropout rate while training, on the input, the attention probabilities and every "
                    + "residual branch; 0 <= RATE < 1, 0 = none; embeddings never drop (default: ${DEFAULT-VALUE}).")
    double rate;

    /**
     * The rate, checked.
     *
     * @throws CommandLine.ParameterException unless {@code 0 <= rate < 1}
     */
    double rate(CommandSpec spec) {
        if (!(rate >= 0 && rate < 1)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--dropout must be >= 0 and < 1, was "
                    + rate);
        }
        return rate;
    }
}
