package org.pinnerformer.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pinnerformer.api.Backends;
import picocli.CommandLine;

/**
 * Output locations are checked before any work: no backend is opened, no checkpoint or data is read, when
 * {@code --out} (or {@code --store}) cannot be written. The backends supplier fails the test if it is called, and the
 * checkpoint named does not exist, so a command that checked its output late would fail with another message.
 */
class OutputChecksTest extends CommandTestSupport {
    @TempDir
    Path dir;

    private Path plain;
    private String missingCheckpoint;

    @BeforeEach
    void files() throws Exception {
        plain = Files.writeString(dir.resolve("plain"), "a file");
        missingCheckpoint = dir.resolve("missing.safetensors").toString();
    }

    private int runWithoutBackends(String... args) {
        Supplier<Backends> none = () -> {
            throw new AssertionError("a backend was opened before the output location was checked");
        };
        CommandLine cl = new CommandLine(new PinnerFormerCommand(), new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> cls) throws Exception {
                if (cls == TrainCommand.class) {
                    return cls.cast(new TrainCommand(none));
                }
                if (cls == QuickstartCommand.class) {
                    return cls.cast(new QuickstartCommand(none));
                }
                if (cls == EvaluateCommand.class) {
                    return cls.cast(new EvaluateCommand(none));
                }
                if (cls == IndexCommand.class) {
                    return cls.cast(new IndexCommand(none));
                }
                if (cls == EmbedCommand.class) {
                    return cls.cast(new EmbedCommand(none));
                }
                return CommandLine.defaultFactory().create(cls);
            }
        });
        return run(cl, args);
    }

    @Test
    void trainRefusesAnOutputUnderARegularFileBeforeTraining() {
        Path target = plain.resolve("model.safetensors");
        assertThat(runWithoutBackends("train", "--out", target.toString(), "--no-progress")).isEqualTo(1);
        assertThat(err.toString()).isEqualTo("error: cannot write --out " + target + ": " + plain
                + " is a file, not a directory\n");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void trainRefusesABundleFolderThatIsNotEmptyBeforeTraining() {
        assertThat(runWithoutBackends("train", "--out", dir.toString())).isEqualTo(1);
        assertThat(err.toString()).isEqualTo("error: cannot write --out " + dir + ": the directory is not empty; "
                + "choose a new or empty directory\n");
    }

    @Test
    void trainRefusesAFolderWhereNoFileCanBeCreatedSayingWhyEvenAsRoot() {
        // sysfs refuses to create files for every user, root included: EACCES (EPERM for a folder), or EROFS where
        // /sys is mounted read-only (as in many containers). The probe creates a file, so EACCES or EROFS.
        Path sys = Path.of("/sys");
        assumeTrue(Files.isDirectory(sys) && !Files.exists(sys.resolve("pinnerformer-test")), "a Linux /sys");
        Path out = sys.resolve("pinnerformer-test").resolve("model.safetensors");
        assertThat(runWithoutBackends("train", "--out", out.toString())).isEqualTo(1);
        assertThat(err.toString()).matches("error: cannot write --out " + out + ": cannot create a file in /sys: "
                + "(permission denied|read-only file system)\n");
    }

    @Test
    void everyCommandThatWritesIntoAFolderChecksItFirst() {
        String p = plain.toString();
        String folderIsFile = "error: cannot write --out " + p + ": it is a file, not a directory\n";
        assertThat(runWithoutBackends("quickstart", "--out", p)).isEqualTo(1);
        assertThat(err.toString()).isEqualTo(folderIsFile);
        assertThat(runWithoutBackends("evaluate", "--model", missingCheckpoint, "--out", p)).isEqualTo(1);
        assertThat(err.toString()).isEqualTo(folderIsFile);
        assertThat(runWithoutBackends("index", "--model", missingCheckpoint, "--out", p)).isEqualTo(1);
        assertThat(err.toString()).isEqualTo(folderIsFile);
        assertThat(runWithoutBackends("export", "--model", missingCheckpoint, "--format", "onnx", "--out", p))
                .isEqualTo(1);
        assertThat(err.toString()).isEqualTo(folderIsFile);
        assertThat(runWithoutBackends("embed", "--model", missingCheckpoint, "--store", p, "--date",
                "2026-03-02")).isEqualTo(1);
        assertThat(err.toString()).isEqualTo("error: cannot write --store " + p + ": it is a file, not a directory\n");
        assertThat(Files.exists(dir.resolve("plain"))).isTrue();
    }
}
