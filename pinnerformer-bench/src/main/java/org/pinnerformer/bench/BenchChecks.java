package org.pinnerformer.bench;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/** The option checks and the error line shared by the benchmark commands. */
final class BenchChecks {
    private BenchChecks() {
    }

    /** Fails as a usage error (exit status 2) unless {@code value > 0}. */
    static void positive(CommandSpec spec, String name, int value) {
        if (value <= 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), name + " must be > 0, was " + value);
        }
    }

    /** Prints {@code error: <message>} and returns the runtime-failure status 1. */
    static int fail(PrintWriter err, RuntimeException e) {
        err.println("error: " + e.getMessage());
        err.flush();
        return 1;
    }
}
