package org.pinnerformer.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the example with a few training steps and checks what it prints and writes. */
class TrainExportServeTest {
    private static final Path DATA = Path.of(System.getProperty("basedir", ".")).resolve("../data/ml-latest-small")
            .normalize();

    @Test
    void trainsExportsAndPrintsASmallDifference(@TempDir Path dir) throws IOException {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try (PrintStream ps = new PrintStream(captured, true, StandardCharsets.UTF_8)) {
            System.setOut(ps);
            TrainExportServe.main(new String[] {DATA.toString(), "3", dir.toString()});
        } finally {
            System.setOut(original);
        }
        String out = captured.toString(StandardCharsets.UTF_8);
        original.print(out);
        assertThat(out).containsPattern("trained 3 steps with djl: model [0-9a-f]{64}");
        assertThat(dir.resolve("model/SHA256SUMS")).isRegularFile();
        for (String name : new String[] {"user_tower_newest.onnx", "user_tower.onnx", "item_tower.onnx"}) {
            assertThat(out).contains("exported " + dir.resolve(name));
            assertThat(Files.size(dir.resolve(name))).isPositive();
        }
        Matcher m = Pattern.compile("max \\|djl - onnx\\|: (\\S+) over 256 user embeddings, (\\S+) over the top-10 scores"
                + " of 256 item searches in \\d+ items")
                .matcher(out);
        assertThat(m.find()).as(out).isTrue();
        assertThat(Double.parseDouble(m.group(1))).isLessThanOrEqualTo(1e-4);
        assertThat(Double.parseDouble(m.group(2))).isLessThanOrEqualTo(1e-4);
    }
}
