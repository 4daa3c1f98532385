package org.pinnerformer.bench;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Runs {@code pinnerformer-bench} commands in process and keeps what the last run printed. */
abstract class BenchTestSupport {
    /** What the last run printed to stdout. */
    protected StringWriter out = new StringWriter();
    /** What the last run printed to stderr. */
    protected StringWriter err = new StringWriter();

    /** Runs the command line {@code args} with fresh output buffers; returns the exit status. */
    protected int run(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        CommandLine cl = BenchCommand.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }
}
