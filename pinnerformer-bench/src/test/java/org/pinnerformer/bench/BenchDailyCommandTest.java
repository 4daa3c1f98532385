package org.pinnerformer.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchDailyCommandTest extends BenchTestSupport {
    @TempDir
    Path dir;

    @Test
    void runsAFullDayThenAnIncrementalDayOnTinySyntheticData() throws Exception {
        Path store = dir.resolve("store");
        int status = run("daily", "--users", "300", "--items", "500", "--backend", "java", "--store",
                store.toString());
        assertThat(status).as(err.toString()).isZero();
        String[] lines = out.toString().split("\n");
        assertThat(lines[0]).startsWith("generated 300 users, ");
        assertThat(lines[1]).startsWith("first run (every user), ").contains("on java: embedded ")
                .contains("carried over 0, failed 0");
        assertThat(lines[2]).startsWith("next day (active users only), ").contains(", failed 0 in ");
        assertThat(lines[3]).startsWith("peak heap ");
        try (var files = Files.list(store)) {
            assertThat(files.filter(p -> p.getFileName().toString().endsWith(".emb")).count()).isEqualTo(2);
        }
    }

    @Test
    void rejectsNonPositiveUsers() {
        assertThat(run("daily", "--users", "0")).isEqualTo(2);
        assertThat(err.toString()).startsWith("--users must be > 0, was 0");
    }
}
