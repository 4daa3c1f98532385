package org.pinnerformer.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Runs {@code pinnerformer} commands in process and keeps what the last run printed. */
abstract class CommandTestSupport {
    /** What the last run printed to stdout. */
    protected StringWriter out = new StringWriter();
    /** What the last run printed to stderr. */
    protected StringWriter err = new StringWriter();

    /** Runs the command line {@code args} with the default factory; returns the exit status. */
    protected int run(String... args) {
        return run(new CommandLine(new PinnerFormerCommand()), args);
    }

    /** Runs {@code args} on {@code cl} (for a custom factory) with fresh output buffers; returns the exit status. */
    protected int run(CommandLine cl, String... args) {
        out = new StringWriter();
        err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }
}
