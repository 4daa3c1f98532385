package org.pinnerformer.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchReadCommandTest extends BenchTestSupport {
    @TempDir
    Path dir;

    @Test
    void reportsEventsPerSecondForEveryRowOfTheRepeatedFile() throws IOException {
        Path ratings = Files.writeString(dir.resolve("ratings.csv"),
                "userId,movieId,rating,timestamp\r\n1,1,4.0,964982703\r\n1,3,2.5,964981247");
        int status = run("read", "--ratings", ratings.toString(), "--repeat", "3", "--warmup", "1",
                "--iterations", "2", "--timelines");
        assertThat(err.toString()).isEmpty();
        assertThat(status).isZero();
        assertThat(out.toString()).startsWith("read + timelines: 6 events per iteration, 2 iterations after 1 warm-up,"
                + " one thread").contains("events/s: median ");
    }

    @Test
    void saysWhenTheRatingsFileIsMissing() {
        Path missing = dir.resolve("missing.csv");
        int status = run("read", "--ratings", missing.toString());
        assertThat(status).isEqualTo(1);
        assertThat(err.toString().trim()).isEqualTo("error: cannot read " + missing + ": the file does not exist");
    }

    @Test
    void rejectsANonPositiveRepeat() {
        int status = run("read", "--repeat", "0");
        assertThat(status).isEqualTo(2);
        assertThat(err.toString()).startsWith("--repeat must be > 0, was 0");
    }
}
