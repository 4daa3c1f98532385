package org.pinnerformer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pinnerformer.api.Backends;
import org.pinnerformer.core.bundle.ModelBundle;
import org.pinnerformer.core.pipeline.Experiment;
import org.pinnerformer.spi.Capability;
import picocli.CommandLine;

/** train, evaluate and quickstart: argument checks, clear failures, and runs with a fake TRAIN backend. */
class PipelineCommandsTest extends CommandTestSupport {
    static final Path DATA = Path.of(System.getProperty("basedir", ".")).resolve("../data/ml-latest-small")
            .normalize();

    @TempDir
    Path dir;

    /** Runs the command line with commands that discover backends through {@code backends}. */
    private int run(Supplier<Backends> backends, String... args) {
        CommandLine cl = new CommandLine(new PinnerFormerCommand(), new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> cls) throws Exception {
                if (cls == TrainCommand.class) {
                    return cls.cast(new TrainCommand(backends));
                }
                if (cls == EvaluateCommand.class) {
                    return cls.cast(new EvaluateCommand(backends));
                }
                if (cls == QuickstartCommand.class) {
                    return cls.cast(new QuickstartCommand(backends));
                }
                if (cls == ExperimentsCommand.class) {
                    return cls.cast(new ExperimentsCommand(backends));
                }
                return CommandLine.defaultFactory().create(cls);
            }
        });
        return run(cl, args);
    }

    private static Backends withFake() {
        return Backends.of(List.of(new FakeTrainProvider()));
    }

    @Test
    void quickstartSaysWhichProvidersItFoundWhenNoneCanTrain() {
        Supplier<Backends> inferenceOnly = () -> Backends.of(Backends.discover().providers().stream()
                .filter(p -> !p.capabilities().contains(Capability.TRAIN)).toList());
        int status = run(inferenceOnly, "quickstart", "--data", DATA.toString(), "--out", dir.toString());
        assertThat(status).isEqualTo(1);
        assertThat(err.toString()).startsWith("error: no usable PinnerFormer backend with [TRAIN, INFER] was found."
                + " Providers found:\n  - java (org.pinnerformer.core.backend.JavaBackendProvider): lacks [TRAIN]");
    }

    @Test
    void trainRejectsBadNumbersAndObjectives() {
        assertThat(run("train", "--out", "x", "--steps", "0")).isEqualTo(2);
        assertThat(err.toString()).startsWith("--steps must be > 0, was 0");
        assertThat(run("train", "--out", "x", "--batch", "-1")).isEqualTo(2);
        assertThat(err.toString()).startsWith("--batch must be > 0, was -1");
        assertThat(run("train", "--out", "x", "--lr", "0")).isEqualTo(2);
        assertThat(err.toString()).startsWith("--lr must be > 0, was 0.0");
        assertThat(run("train", "--out", "x", "--objective", "next-click")).isEqualTo(2);
        assertThat(err.toString()).contains("unknown objective 'next-click'; expected one of next-action, sasrec,"
                + " all-action, dense-all-action");
        assertThat(run("train", "--out", "x", "--dropout", "-0.1")).isEqualTo(2);
        assertThat(err.toString()).startsWith("--dropout must be >= 0 and < 1, was -0.1");
        assertThat(run("quickstart", "--out", "x", "--dropout", "1.5")).isEqualTo(2);
        assertThat(err.toString()).startsWith("--dropout must be >= 0 and < 1, was 1.5");
        assertThat(run("train")).isEqualTo(2);
        assertThat(err.toString()).startsWith("Missing required option: '--out=DIR'");
    }

    @Test
    void trainSaysWhenTheDataDirectoryHasNoRatings() {
        Path missing = dir.resolve("nothing");
        int status = run(PipelineCommandsTest::withFake, "train", "--data", missing.toString(), "--out",
                dir.resolve("m.safetensors").toString());
        assertThat(status).isEqualTo(1);
        assertThat(err.toString().trim()).isEqualTo("error: cannot read data directory " + missing
                + ": it has no ratings.csv; pass --data DIR with the files of MovieLens ml-latest-small");
    }

    @Test
    void trainSaysWhenTheNamedBackendDoesNotExist() {
        int status = run("train", "--backend", "tensorflow", "--out", dir.resolve("m").toString());
        assertThat(status).isEqualTo(1);
        assertThat(err.toString()).startsWith("error: no PinnerFormer backend named 'tensorflow' was found.");
    }

    @Test
    void evaluateSaysWhenTheBundleIsMissing() {
        Path missing = dir.resolve("missing");
        int status = run("evaluate", "--model", missing.toString(), "--data", DATA.toString());
        assertThat(status).isEqualTo(1);
        assertThat(err.toString()).startsWith("error: ").contains(missing.toString());
        assertThat(run("evaluate")).isEqualTo(2);
        assertThat(err.toString()).startsWith("Missing required option: '--model=BUNDLE'");
    }

    @Test
    void quickstartTrainsEvaluatesAndWritesResultsAndPlotsWithAFakeTrainer() throws IOException {
        Path results = dir.resolve("run");
        int status = run(PipelineCommandsTest::withFake, "quickstart", "--data", DATA.toString(), "--out",
                results.toString(), "--steps", "2", "--evaluate-every", "0", "--json");
        assertThat(err.toString()).startsWith("read ml-latest-small from " + DATA + ": 114261 rows, 114261 accepted, "
                + "260 dropped (duplicate)\ntrain [").doesNotContain("error");
        // stderr is no terminal here: plain progress lines, no carriage return or escape code
        assertThat(err.toString()).doesNotContain("\r").doesNotContain("\u001b");
        assertThat(status).isZero();
        String[] lines = out.toString().split("\n");
        assertThat(lines[0]).startsWith("quickstart: ml-latest-small (610 users, 9742 items, ")
                .endsWith("backend fake, all-action, 2 steps of batch 64, seed 42");
        assertThat(out.toString()).contains("| method | users | recall@10 | P90 coverage@10 |")
                .contains("| pinnerformer/all-action | ").contains("| popularity | ")
                .contains("| recent-mean-20 | ").contains("| last-item | ");
        assertThat(lines[lines.length - 1]).startsWith("{\"command\":\"quickstart\",\"backend\":\"fake\","
                + "\"dataset\":\"ml-latest-small\",\"model\":\"pinnerformer/all-action\",\"steps\":2,")
                .contains("\"results\":[{\"method\":\"pinnerformer/all-action\",").endsWith("]}");
        com.fasterxml.jackson.databind.JsonNode doc = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(Files.readString(results.resolve("results.json")));
        assertThat(doc.get("training").get("losses").toString()).isEqualTo("[1.0,0.5]");
        assertThat(doc.get("training").get("stopped_early").isBoolean()).isTrue();
        for (String png : List.of(Plots.LOSS, Plots.VALIDATION, Plots.RECALL)) {
            byte[] head = Files.readAllBytes(results.resolve(png));
            assertThat(head).startsWith(new byte[] {(byte) 0x89, 'P', 'N', 'G'});
        }
        ModelBundle saved = ModelBundle.open(results.resolve(QuickstartCommand.BUNDLE));
        assertThat(saved.checkpoint().metadata()).containsEntry(Experiment.SEED_KEY, "42");
        assertThat(saved.provenance().training()).containsEntry(Experiment.SEED_KEY, "42");
        assertThat(saved.provenance().dataset()).isEqualTo("ml-latest-small");
        assertThat(saved.items().size()).isEqualTo(9742);
        assertThat(lines[lines.length - 1]).contains("\"model_id\":\"" + saved.modelId() + "\"");

        int evaluated = run(PipelineCommandsTest::withFake, "evaluate", "--model",
                results.resolve(QuickstartCommand.BUNDLE).toString(), "--data", DATA.toString(), "--json",
                "--no-progress");
        assertThat(err.toString()).isEqualTo("read ml-latest-small from " + DATA + ": 114261 rows, 114261 accepted, "
                + "260 dropped (duplicate)\n");
        assertThat(evaluated).isZero();
        String[] evalLines = out.toString().split("\n");
        assertThat(evalLines[evalLines.length - 1]).startsWith("{\"command\":\"evaluate\",\"backend\":\"fake\",")
                .contains("\"seed\":42");
        // The bundle's seed gives the same split and its item vectors are the ones trained with: the model's row
        // matches the quickstart's.
        String row = modelRow(lines);
        assertThat(modelRow(evalLines).replaceAll("\\| [0-9.]+ \\|$", "|"))
                .isEqualTo(row.replaceAll("\\| [0-9.]+ \\|$", "|"));
    }

    @Test
    void experimentsWritesTheTablesBetweenTheMarkersAndKeepsTheRest() throws IOException {
        Path file = dir.resolve("results.md");
        Files.writeString(file, "# Results\n\nintro\n\n" + ExperimentsReport.BEGIN + "\nold\n"
                + ExperimentsReport.END + "\n\n## Discussion\nkept\n");
        int status = run(PipelineCommandsTest::withFake, "experiments", "--ml-latest-small", DATA.toString(),
                "--datasets", "ml-latest-small", "--seeds", "7,8", "--variants", "sasrec,dense-28d - action type",
                "--steps", "2", "--out", file.toString(), "--no-progress");
        assertThat(err.toString()).isEmpty();
        assertThat(status).isZero();
        String written = Files.readString(file);
        assertThat(written).startsWith("# Results\n\nintro\n\n" + ExperimentsReport.BEGIN + "\nGenerated on ")
                .endsWith(ExperimentsReport.END + "\n\n## Discussion\nkept\n").doesNotContain("\nold\n")
                .contains("--datasets ml-latest-small --seeds 7,8 --steps 2` with backend fake")
                .contains("| baseline | popularity | 2 | ").contains("| baseline | recent-mean-20 | 2 | ")
                .contains("| objective | sasrec | 2 | ").contains("| ablation | dense-28d - action type | 2 | ");
        assertThat(out.toString()).contains("ml-latest-small seed 8: sasrec Recall@10 ");
    }

    @Test
    void experimentsRejectsUnknownVariantsAndDataSets() {
        assertThat(run("experiments", "--variants", "dense-7d")).isEqualTo(2);
        assertThat(err.toString()).startsWith("unknown variant 'dense-7d'; expected one of [next-action, sasrec,");
        assertThat(run(PipelineCommandsTest::withFake, "experiments", "--datasets", "ml-1m", "--out",
                dir.resolve("r.md").toString())).isEqualTo(2);
        assertThat(err.toString()).startsWith("unknown data set 'ml-1m'; expected ml-latest-small or ml-100k");
        assertThat(run(PipelineCommandsTest::withFake, "experiments", "--datasets", "ml-100k", "--ml-100k",
                dir.toString(), "--out", dir.resolve("r.md").toString())).isEqualTo(1);
        assertThat(err.toString().trim()).isEqualTo("error: cannot read " + dir + ": it has no u.data; pass "
                + "--ml-100k DIR");
    }

    private static String modelRow(String[] lines) {
        for (String l : lines) {
            if (l.startsWith("| pinnerformer/")) {
                return l;
            }
        }
        throw new AssertionError("no model row in " + String.join("\n", lines));
    }
}
