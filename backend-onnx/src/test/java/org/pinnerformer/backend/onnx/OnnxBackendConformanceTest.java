package org.pinnerformer.backend.onnx;

import org.pinnerformer.testkit.conformance.BackendConformanceTest;

/** The shared conformance suite on the onnx backend (infers only). */
class OnnxBackendConformanceTest extends BackendConformanceTest {
    OnnxBackendConformanceTest() {
        super("onnx", false);
    }

    /**
     * 5,000 calls by default (about 12 s here); {@code -Dpinnerformer.leakcheck.calls=10000} runs the full check
     * (docs/reliability.md has its figures).
     */
    @Override
    protected int leakCheckCalls() {
        return Integer.getInteger(LEAK_CHECK_CALLS, 5_000);
    }
}
