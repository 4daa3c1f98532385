package org.pinnerformer.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code pinnerformer} command: sub-commands are added as the library grows. */
@Command(name = "pinnerformer", mixinStandardHelpOptions = true,
        versionProvider = PinnerFormerCommand.VersionProvider.class,
        description = "Train, evaluate and serve PinnerFormer user embeddings.",
        // INHERIT: every sub-command's --help lists the same exit statuses.
        scope = CommandLine.ScopeType.INHERIT, exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:success", "1:runtime error (unreadable or missing input, a failed backend, a model mismatch, ...)",
                "2:usage error (an unknown, missing or invalid option)"},
        subcommands = {BackendsCommand.class, TrainCommand.class, EvaluateCommand.class,
                QuickstartCommand.class, ExperimentsCommand.class, ExportCommand.class, EmbedCommand.class, IndexCommand.class,
                RecommendCommand.class, NextItemCommand.class})
public final class PinnerFormerCommand implements Callable<Integer> {

    /** Runs the command line and exits with its status. */
    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit status (for tests and embedding). */
    public static int run(String... args) {
        return new CommandLine(new PinnerFormerCommand()).execute(args);
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
            return new String[] {"pinnerformer " + org.pinnerformer.api.Version.VERSION};
        }
    }
}
