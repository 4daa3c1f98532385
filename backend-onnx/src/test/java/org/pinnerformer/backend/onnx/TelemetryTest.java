package org.pinnerformer.backend.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The library never phones home: a forked JVM with a temporary HOME, {@code user.home} and {@code java.io.tmpdir}
 * runs ONNX inference and an export, and afterwards HOME is still empty (ONNX Runtime 1.29.0 would have written
 * {@code .cache/Microsoft/DeveloperTools/.onnxruntime} there) and the temporary directory holds only ONNX Runtime's
 * extracted native library.
 */
class TelemetryTest {

    @Test
    void inferenceWritesNothingOutsideTheConfiguredDirectories(@TempDir Path dir) throws Exception {
        Path home = Files.createDirectories(dir.resolve("home"));
        Path tmp = Files.createDirectories(dir.resolve("tmp"));
        Path out = dir.resolve("export");
        String classPath = Stream.of(System.getProperty("jdk.module.path", ""),
                System.getProperty("java.class.path", ""), Path.of("target", "test-classes").toAbsolutePath()
                        .toString())
                .filter(s -> !s.isEmpty()).reduce((a, b) -> a + File.pathSeparator + b).orElseThrow();
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Duser.home=" + home, "-Djava.io.tmpdir=" + tmp, "-cp", classPath,
                TelemetryProbe.class.getName(), out.toString());
        Map<String, String> env = pb.environment();
        env.remove("ORT_DISABLE_TELEMETRY");
        env.remove("XDG_CACHE_HOME");
        env.remove("XDG_DATA_HOME");
        env.remove("XDG_CONFIG_HOME");
        env.put("HOME", home.toString());
        pb.redirectErrorStream(true);
        Process p = pb.start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(log).isZero();
        assertThat(log).contains("encoded 6 9").contains("exported");
        assertThat(files(home)).as("files written under HOME").isEmpty();
        try (Stream<Path> s = Files.list(tmp)) {
            assertThat(s.map(f -> f.getFileName().toString()).toList())
                    .allSatisfy(n -> assertThat(n).startsWith("onnxruntime-java"));
        }
        assertThat(files(out)).containsExactlyInAnyOrder("item_tower.onnx", "user_tower.onnx",
                "user_tower_newest.onnx", "SHA256SUMS");
    }

    private static List<String> files(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(f -> !f.equals(root)).map(f -> root.relativize(f).toString()).toList();
        }
    }
}
