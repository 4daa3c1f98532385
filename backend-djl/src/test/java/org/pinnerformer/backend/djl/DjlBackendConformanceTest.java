package org.pinnerformer.backend.djl;

import org.pinnerformer.spi.BackendOptions;
import org.pinnerformer.testkit.conformance.BackendConformanceTest;

/** The shared conformance suite on the djl backend (trains and infers). */
class DjlBackendConformanceTest extends BackendConformanceTest {
    DjlBackendConformanceTest() {
        super("djl", true);
    }

    /**
     * 100 calls by default: the lowered graph runs as many small libtorch calls, 20 to 90 ms per user + item call
     * on the shared 2-core build machine, so 10,000 would take far longer than the default suite may;
     * {@code -Dpinnerformer.leakcheck.calls=N} runs a longer check (docs/reliability.md has its figures).
     */
    @Override
    protected int leakCheckCalls() {
        return Integer.getInteger(LEAK_CHECK_CALLS, 100);
    }

    @Override
    protected BackendOptions options() {
        return BackendOptions.defaults().withThreads(2);
    }
}
