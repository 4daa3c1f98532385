package org.pinnerformer.bench;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code pinnerformer-bench} command ({@code java -jar pinnerformer-bench/target/pinnerformer-bench.jar}):
 * throughput benchmarks of the library's stages on this machine, and JMH micro-benchmarks.
 */
@Command(name = "pinnerformer-bench", mixinStandardHelpOptions = true,
        versionProvider = BenchCommand.VersionProvider.class, scope = CommandLine.ScopeType.INHERIT,
        description = "Measure throughput of a stage of the library on this machine.",
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:success", "1:runtime error (unreadable input, a failed backend, ...)",
                "2:usage error (an unknown or invalid option)"},
        subcommands = {BenchReadCommand.class, BenchSampleCommand.class, BenchTrainCommand.class, BenchInferCommand.class,
                BenchStoreCommand.class, BenchIndexCommand.class, BenchDailyCommand.class, JmhCommand.class})
public final class BenchCommand implements Callable<Integer> {

    private BenchCommand() {
    }

    /**
     * Runs the command line and exits with its status.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        System.exit(run(args));
    }

    /**
     * Runs the command line and returns its exit status (for tests and embedding).
     *
     * @param args the command line
     * @return 0 on success, 1 on a runtime error, 2 on a usage error
     */
    public static int run(String... args) {
        return commandLine().execute(args);
    }

    /** The command line, for tests that capture its output. */
    static CommandLine commandLine() {
        return new CommandLine(new BenchCommand());
    }

    @Override
    public Integer call() {
        new CommandLine(this).usage(System.out);
        return 0;
    }

    /** Prints the library version. */
    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"pinnerformer-bench " + org.pinnerformer.api.Version.VERSION};
        }
    }
}
