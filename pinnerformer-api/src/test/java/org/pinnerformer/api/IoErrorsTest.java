package org.pinnerformer.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * I/O errors keep their cause in the sentence. The tests run as root, which ignores file permissions, so "permission
 * denied", "no space left" and "read-only file system" are injected as the exceptions the JDK throws for them
 * (EACCES gives an {@link AccessDeniedException} whose message is only the path); "not a directory" is real.
 */
class IoErrorsTest {

    @Test
    void namesTheReasonsTheJdkOnlyGivesAsATypeOrWordsItself() {
        assertThat(IoErrors.describe("cannot write checkpoint /m/x.safetensors",
                new AccessDeniedException("/m/.x.safetensors123.tmp")))
                .isEqualTo("cannot write checkpoint /m/x.safetensors: permission denied (/m/.x.safetensors123.tmp)");
        assertThat(IoErrors.describe("cannot publish /s/a.emb",
                new FileSystemException("/s/a.emb.tmp-1", null, "Read-only file system")))
                .isEqualTo("cannot publish /s/a.emb: read-only file system (/s/a.emb.tmp-1)");
        assertThat(IoErrors.describe("cannot write spool file /s/a.emb.spool-1",
                new IOException("No space left on device")))
                .isEqualTo("cannot write spool file /s/a.emb.spool-1: no space left on device");
        assertThat(IoErrors.describe("cannot read /d/x", new NoSuchFileException("/d/x")))
                .isEqualTo("cannot read /d/x: no such file or directory");
        assertThat(IoErrors.reason(new IOException())).isEqualTo("IOException");
        assertThat(IoErrors.reason(new IOException("EOF reached"))).isEqualTo("EOF reached");
        UncheckedIOException u = IoErrors.unchecked("cannot list /s", new AccessDeniedException("/s"));
        assertThat(u).hasMessage("cannot list /s: permission denied").hasCauseInstanceOf(AccessDeniedException.class);
    }

    @Test
    void aCheckpointUnderARegularFileSaysNotADirectoryEvenForRoot(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("plain"), "x");
        Checkpoint c = CheckpointTest.sample(1);
        assertThatThrownBy(() -> c.write(file.resolve("model.safetensors")))
                .isInstanceOf(CheckpointException.class)
                .hasMessageStartingWith("could not write checkpoint " + file.resolve("model.safetensors") + ": ")
                .hasMessageContaining("not a directory");
    }

    @Test
    void aCheckpointGetsTheOrdinaryPermissionsOfANewFile(@TempDir Path dir) throws Exception {
        Path reference = Files.createFile(dir.resolve("reference"));
        Path file = dir.resolve("model.safetensors");
        CheckpointTest.sample(1).write(file);
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(Files.getPosixFilePermissions(reference));
    }
}
