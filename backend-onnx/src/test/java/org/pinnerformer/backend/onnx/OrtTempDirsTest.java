package org.pinnerformer.backend.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Only the quiet folders that appeared while ONNX Runtime loaded are removed at exit. */
class OrtTempDirsTest {

    @Test
    void removesOnlyNewQuietFoldersOfOnnxRuntime(@TempDir Path tmp) throws Exception {
        Instant now = Instant.now();
        FileTime old = FileTime.from(now.minusSeconds(5));
        Path existing = Files.createDirectory(tmp.resolve("onnxruntime-java111"));
        Path ours = Files.createDirectory(tmp.resolve("onnxruntime-java222"));
        Path lib = Files.writeString(ours.resolve("libonnxruntime.so"), "x");
        Path unpacking = Files.createDirectory(tmp.resolve("onnxruntime-java333"));
        Files.writeString(unpacking.resolve("libonnxruntime.so"), "x");
        Path justMade = Files.createDirectory(tmp.resolve("onnxruntime-java444"));
        Path other = Files.createDirectory(tmp.resolve("jna-1"));
        for (Path p : new Path[] {lib, existing, ours, unpacking, other}) {
            Files.setLastModifiedTime(p, old);
        }
        Set<String> before = Set.of("onnxruntime-java111");
        Set<String> after = OrtTempDirs.list(tmp);
        assertThat(after).containsExactlyInAnyOrder("onnxruntime-java111", "onnxruntime-java222",
                "onnxruntime-java333", "onnxruntime-java444");
        assertThat(OrtTempDirs.removable(tmp, before, after, now)).containsExactly(ours);
        assertThat(justMade).exists();
    }
}
