package org.pinnerformer.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BenchSampleCommandTest extends BenchTestSupport {
    @Test
    void reportsSequencesPerSecondOnTinySyntheticData() {
        int status = run("sample", "--users", "40", "--items", "100", "--batch-size", "8", "--batches",
                "3", "--warmup", "1", "--rounds", "2", "--negatives", "16");
        assertThat(err.toString()).isEmpty();
        assertThat(status).isZero();
        assertThat(out.toString()).startsWith("sample + assemble (dense all action, M=64, B=8, 32 anchors, R=16): ")
                .contains("24 sequences per round").contains("sequences/s: median ");
    }

    @Test
    void rejectsANonPositiveBatchSize() {
        int status = run("sample", "--batch-size", "0");
        assertThat(status).isEqualTo(2);
        assertThat(err.toString()).startsWith("--batch-size must be > 0, was 0");
    }
}
