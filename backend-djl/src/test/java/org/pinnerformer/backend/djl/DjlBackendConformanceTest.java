package org.pinnerformer.backend.djl;

import org.pinnerformer.spi.BackendOptions;
import org.pinnerformer.testkit.conformance.BackendConformanceTest;

/** The shared conformance suite on the djl backend (trains and infers). */
class DjlBackendConformanceTest extends BackendConformanceTest {
    DjlBackendConformanceTest() {
        super("djl", true);
    }

    /**
     * 2,000 calls by default (about 15 s on the 2-core build machine; the full 10,000 took 50-71 s there), so the
     * default suite stays short; {@code -Dpinnerformer.leakcheck.calls=N} runs a longer check (docs/reliability.md
     * has its figures).
     */
    @Override
    protected int leakCheckCalls() {
        return Integer.getInteger(LEAK_CHECK_CALLS, 2_000);
    }

    @Override
    protected BackendOptions options() {
        return BackendOptions.defaults().withThreads(2);
    }
}
