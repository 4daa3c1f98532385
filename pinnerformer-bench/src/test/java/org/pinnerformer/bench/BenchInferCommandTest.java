package org.pinnerformer.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BenchInferCommandTest extends BenchTestSupport {
    @Test
    void embedsUsersAtALongerSequenceLength() {
        int status = run("infer", "--backend", "djl", "--threads", "1", "--batch-size", "4", "--warmup", "0",
                "--batches", "2", "--max-length", "120");
        assertThat(status).as(err.toString()).isZero();
        assertThat(out.toString()).startsWith("infer on djl (small preset, newest position only, B=4, T=120, ")
                .containsPattern("users/s: median [0-9,]+");
    }

    @Test
    void rejectsNonPositiveMaxLength() {
        assertThat(run("infer", "--max-length", "0")).isEqualTo(2);
        assertThat(err.toString()).contains("--max-length must be > 0");
    }
}
