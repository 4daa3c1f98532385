package org.pinnerformer.backend.onnx;

import org.pinnerformer.testkit.conformance.BackendConformanceTest;

/** The shared conformance suite on the onnx backend (infers only). */
class OnnxBackendConformanceTest extends BackendConformanceTest {
    OnnxBackendConformanceTest() {
        super("onnx", false);
    }
}
