package org.pinnerformer.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BenchTrainCommandTest extends BenchTestSupport {
    @Test
    void reportsSpeedTheJavaShareTheEngineAndTheArithmeticRate() {
        int status = run("train", "--backend", "djl", "--threads", "1", "--users", "60", "--items", "200",
                "--batch-size", "8", "--anchors", "2", "--negatives", "16", "--warmup", "1", "--steps", "2");
        assertThat(status).as(err.toString()).isZero();
        assertThat(out.toString()).startsWith("train on djl (small preset, M=64, dense-all-action, B=8, 2 anchors, R=16, ")
                .contains(" 2 steps after 1 warm-up\n")
                .containsPattern("sequences/s: [0-9,]+\n")
                .containsPattern("engine: PyTorch [0-9.]+ through DJL [0-9.]+ \\(0 GPU\\(s\\) visible; OMP_WAIT_POLICY")
                .containsPattern("share of wall time sampling and assembling batches \\(Java\\): [0-9.]+%")
                .containsPattern("model arithmetic: [0-9.]+ GFLOP/s .* of [0-9.]+ GFLOP/s measured for large matrix"
                        + " products \\(2048 x 1024 x 1024\\)")
                .containsPattern("ceiling: [0-9,]+ sequences/s if every step ran at the large-product rate");
    }

    @Test
    void trainsAtALongerSequenceLength() {
        int status = run("train", "--backend", "djl", "--threads", "1", "--users", "40", "--items", "200",
                "--batch-size", "4", "--anchors", "2", "--negatives", "16", "--warmup", "0", "--steps", "1",
                "--max-length", "200", "--objective", "sasrec");
        assertThat(status).as(err.toString()).isZero();
        assertThat(out.toString()).startsWith("train on djl (small preset, M=200, sasrec, B=4, 2 anchors, R=16, ");
    }

    @Test
    void rejectsNonPositiveMaxLength() {
        assertThat(run("train", "--max-length", "0")).isEqualTo(2);
    }

    @Test
    void rejectsNonPositiveSteps() {
        int status = run("train", "--steps", "0");
        assertThat(status).isEqualTo(2);
        assertThat(err.toString()).startsWith("--users, --items, --batch-size, --anchors, --steps and --max-length must be > 0");
    }
}
