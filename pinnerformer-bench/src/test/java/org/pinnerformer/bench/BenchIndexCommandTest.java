package org.pinnerformer.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BenchIndexCommandTest extends BenchTestSupport {
    @Test
    void reportsRecallAndLatencyOnTinyData() {
        int status = run("index", "--items", "2000", "--dim", "16", "--queries", "50", "--ef", "32,64",
                "--build-threads", "2");
        assertThat(err.toString()).isEmpty();
        assertThat(status).isZero();
        assertThat(out.toString()).startsWith("bench index: 2,000 items x D=16 in 20 clusters (spread 0.30), 50 queries")
                .contains("exact (").contains("hnsw build (M=16, beam width 100, 2 threads): ")
                .contains("hnsw ef=32: Recall@10 ").contains("hnsw ef=64: Recall@10 ").contains("p99 ");
    }

    @Test
    void rejectsNonPositiveSizes() {
        assertThat(run("index", "--items", "0")).isEqualTo(2);
        assertThat(err.toString()).startsWith("--items must be > 0, was 0");
        assertThat(run("index", "--ef", "16,0")).isEqualTo(2);
        assertThat(err.toString()).startsWith("--ef must be > 0, was 0");
    }
}
