package org.pinnerformer.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The benchmark command follows the CLI's conventions: exit statuses in every help, 2 for a bad option, long option
 * names of several letters ({@code --hnsw-m}, {@code --top-k}).
 */
class BenchConventionsTest extends BenchTestSupport {
    @Test
    void everyHelpListsTheExitStatuses() {
        List<CommandLine> all = new ArrayList<>(List.of(BenchCommand.commandLine()));
        all.addAll(BenchCommand.commandLine().getSubcommands().values());
        assertThat(all).hasSize(9);
        for (CommandLine cl : all) {
            assertThat(cl.getUsageMessage()).as(cl.getCommandName()).contains("Exit status:")
                    .containsPattern("\\n +1 +runtime error").containsPattern("\\n +2 +usage error");
        }
    }

    @Test
    void everyLongOptionNameHasSeveralLetters() {
        for (CommandLine cl : BenchCommand.commandLine().getSubcommands().values()) {
            for (CommandLine.Model.OptionSpec o : cl.getCommandSpec().options()) {
                for (String name : o.names()) {
                    if (name.startsWith("--")) {
                        assertThat(name.length()).as(cl.getCommandName() + " " + name).isGreaterThan(3);
                    }
                }
            }
        }
    }

    @Test
    void anUnknownOptionIsAUsageErrorWithStatus2ForEverySubcommand() {
        for (String sub : BenchCommand.commandLine().getSubcommands().keySet()) {
            assertThat(run(sub, "--no-such-option")).as(sub).isEqualTo(2);
            // picocli names the unknown option, or first the missing required ones
            assertThat(err.toString()).as(sub)
                    .containsAnyOf("Unknown option: '--no-such-option'", "Missing required option");
        }
    }
}
