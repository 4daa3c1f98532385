package org.pinnerformer.testkit.conformance;

/**
 * The shared conformance suite on core's {@code java} backend (infers only). Core cannot depend on the testkit, so
 * the reference backend is checked here; its agreement test compares it with itself and only proves the wiring.
 */
class JavaBackendConformanceTest extends BackendConformanceTest {
    JavaBackendConformanceTest() {
        super("java", false);
    }

    /**
     * 2,000 calls by default: the interpreter takes about 1.5 ms per user + item call here, so 10,000 would add 15 s
     * to the default suite; {@code -Dpinnerformer.leakcheck.calls=10000} runs the full check.
     */
    @Override
    protected int leakCheckCalls() {
        return Integer.getInteger(LEAK_CHECK_CALLS, 2_000);
    }
}
