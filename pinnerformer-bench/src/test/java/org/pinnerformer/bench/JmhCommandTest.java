package org.pinnerformer.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JmhCommandTest extends BenchTestSupport {
    @Test
    void runsTheExactTopKBenchmarkInProcessAndReportsMicrosecondsPerSearch() {
        PrintStream stdout = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        int status;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            status = run("jmh", "--forks", "0", "--warmup-iterations", "0", "--iterations", "1", "--iteration-ms",
                    "200", "--param", "items=2000", "--param", "dim=16");
        } finally {
            System.setOut(stdout);
        }
        assertThat(status).as(err.toString()).isZero();
        assertThat(captured.toString(StandardCharsets.UTF_8))
                .containsPattern("ExactTopKBenchmark\\.search +16 +2000 +10 +avgt +[0-9.]+ +us/op");
    }

    @Test
    void failsWhenNoBenchmarkMatches() {
        PrintStream stdout = System.out;
        int status;
        System.setOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        try {
            status = run("jmh", "--forks", "0", "--include", "NoSuchBenchmark");
        } finally {
            System.setOut(stdout);
        }
        assertThat(status).isNotZero();
    }

    @Test
    void rejectsNegativeForksAsAUsageError() {
        assertThat(run("jmh", "--forks", "-1")).isEqualTo(2);
        assertThat(err.toString()).startsWith("--forks must be >= 0, was -1");
    }
}
