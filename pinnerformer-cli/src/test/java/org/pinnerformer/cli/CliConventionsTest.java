package org.pinnerformer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pinnerformer.api.Checkpoint;
import org.pinnerformer.api.ModelSpec;
import org.pinnerformer.api.ProgressListener;
import org.pinnerformer.api.Vocabulary;
import org.pinnerformer.model.ModelInitializer;
import org.pinnerformer.core.train.TrainingResult;
import picocli.CommandLine;

/**
 * The conventions every command shares: exit status 0 / 1 (runtime error) / 2 (usage error), listed in every
 * {@code --help}; multi-letter long option names; progress without carriage returns or escape codes when stderr is
 * not a terminal; snake_case JSON keys.
 */
class CliConventionsTest extends CommandTestSupport {
    @TempDir
    Path dir;

    @Test
    void anUnknownOptionIsAUsageErrorWithStatus2ForEveryCommand() {
        for (String command : List.of("train", "evaluate", "embed", "index", "recommend", "export", "next-item",
                "quickstart", "experiments", "backends")) {
            assertThat(run(command, "--no-such-option")).as(command).isEqualTo(2);
            // picocli names the unknown option, or first the missing required ones
            assertThat(err.toString()).as(command)
                    .containsAnyOf("Unknown option: '--no-such-option'", "Missing required option");
        }
    }

    @Test
    void aMissingInputFileIsARuntimeErrorWithStatus1() {
        Path missing = dir.resolve("missing");
        assertThat(run("train", "--backend", "djl", "--data", missing.toString(), "--steps", "1", "--no-progress",
                "--out", dir.resolve("model").toString())).as(err.toString()).isEqualTo(1);
        assertThat(err.toString()).startsWith("error: ").contains(missing.toString());
        assertThat(run("embed", "--model", missing.toString(), "--store", dir.resolve("store").toString(), "--date",
                "2020-01-01", "--no-progress")).as(err.toString()).isEqualTo(1);
        assertThat(err.toString()).startsWith("error: ").contains(missing.toString());
        assertThat(run("index", "--model", missing.toString(), "--out", dir.resolve("index").toString()))
                .as(err.toString()).isEqualTo(1);
        assertThat(err.toString()).startsWith("error: ").contains(missing.toString());
        assertThat(run("recommend", "--store", missing.toString(), "--index", missing.toString(), "--user", "1"))
                .as(err.toString()).isEqualTo(1);
        assertThat(err.toString()).startsWith("error: ").contains(missing.toString());
    }

    @Test
    void theBenchmarksAreNoLongerACommandHereAndTheTestkitIsNotRequired() throws Exception {
        assertThat(run("bench", "read")).isEqualTo(2);
        assertThat(err.toString()).contains("Unmatched arguments from index 0: 'bench', 'read'");
        assertThat(java.nio.file.Files.readString(Path.of("src/main/java/module-info.java"))).doesNotContain("testkit");
    }

    @Test
    void everyHelpListsTheExitStatuses() {
        CommandLine top = new CommandLine(new PinnerFormerCommand());
        for (CommandLine cl : allCommands(top)) {
            assertThat(cl.getUsageMessage()).as(cl.getCommandName())
                    .contains("Exit status:")
                    .containsPattern("\\n +0 +success")
                    .containsPattern("\\n +1 +runtime error")
                    .containsPattern("\\n +2 +usage error");
        }
    }

    @Test
    void everyLongOptionNameHasSeveralLetters() {
        for (CommandLine cl : allCommands(new CommandLine(new PinnerFormerCommand()))) {
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
    void progressIntoANonTerminalHasNoCarriageReturnOrEscapeCode() {
        StringWriter captured = new StringWriter();
        ProgressBar progress = new ProgressBar(new PrintWriter(captured, true), ProgressBar.Mode.LINES);
        exercise(progress);
        assertThat(captured.toString()).doesNotContain("\r").doesNotContain("\u001b")
                .contains("train [########################] 100 steps in ")
                .contains("evaluate [########################] 50/50 users model\n")
                .contains("embed 2020-01-01 [########################] 20/20 users\n");
        // a line now and then (every 30 s of training: at 30, 60 and 90 s, then the summary), not one per step
        assertThat(captured.toString().lines().filter(l -> l.startsWith("train ")).count()).isEqualTo(4);
    }

    @Test
    void progressNamesTheValidationMetric() {
        StringWriter ndcg = new StringWriter();
        exercise(new ProgressBar(new PrintWriter(ndcg, true), ProgressBar.Mode.LINES, "ndcg@10", 3));
        assertThat(ndcg.toString()).contains("best validation ndcg@10 (mean of 3) 0.2500 at step 80")
                .doesNotContain("recall@10");
        // the lines during training show the last single validation, so they name the metric without the mean
        assertThat(ndcg.toString().lines().filter(l -> l.contains(" loss "))).isNotEmpty()
                .allMatch(l -> l.contains(" ndcg@10 ") && !l.contains("mean of"));
        StringWriter recall = new StringWriter();
        exercise(ProgressBar.of(new PrintWriter(recall, true), false));
        assertThat(recall.toString()).contains("best validation recall@10 0.2500 at step 80");
    }

    @Test
    void progressOnATerminalRedrawsOneLineInPlace() {
        StringWriter captured = new StringWriter();
        exercise(new ProgressBar(new PrintWriter(captured, true), ProgressBar.Mode.BAR));
        assertThat(captured.toString()).contains("\rtrain [").contains("\u001b[K");
    }

    @Test
    void theCommandsChooseNoBarWhenTheJvmHasNoTerminal() {
        // Surefire runs the tests with stdin and stdout redirected: no console, so the commands print plain lines.
        assertThat(System.console()).isNull();
        StringWriter captured = new StringWriter();
        exercise(ProgressBar.of(new PrintWriter(captured, true), false));
        assertThat(captured.toString()).isNotEmpty().doesNotContain("\r").doesNotContain("\u001b");
        StringWriter none = new StringWriter();
        exercise(ProgressBar.of(new PrintWriter(none, true), true));
        assertThat(none.toString()).isEmpty();
    }

    @Test
    void jsonSummariesHaveSnakeCaseKeysAndBooleans() {
        assertThat(new Summary("embed").field("full_run", true).field("best_step", 3).field("recall@10", 0.5)
                .toString()).isEqualTo("{\"command\":\"embed\",\"full_run\":true,\"best_step\":3,\"recall@10\":0.5}");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Summary("x").field("bestStep", 1))
                .hasMessage("JSON keys are snake_case, was 'bestStep'");
    }

    private static void exercise(ProgressBar progress) {
        progress.started(100);
        for (int step = 1; step <= 100; step++) {
            progress.stepped(step, 1f / step, step);
        }
        ModelSpec spec = ModelSpec.builder().itemVectorSize(4).actionEmbeddingSize(3).surfaceEmbeddingSize(2)
                .hiddenSize(8).layers(1).heads(2).maxSequenceLength(8).outputSize(4).build();
        Checkpoint best = ModelInitializer.initialize(spec, Vocabulary.of("a"), Vocabulary.of("s"), 1);
        progress.finished(new TrainingResult(best, 80, 0.25, 100, false, new float[] {1f}, List.of(), 100));
        for (int u = 0; u <= 50; u += 10) {
            progress.progress("model", u, 50);
        }
        ProgressListener embedding = progress.embedding();
        for (int u = 0; u <= 20; u += 5) {
            embedding.progress("embed 2020-01-01", u, 20);
        }
    }

    private static List<CommandLine> allCommands(CommandLine top) {
        List<CommandLine> all = new java.util.ArrayList<>(List.of(top));
        for (CommandLine sub : top.getSubcommands().values()) {
            all.addAll(allCommands(sub));
        }
        return all;
    }
}
