package org.pinnerformer.testkit.conformance;

/**
 * The shared conformance suite on core's {@code java} backend (infers only). Core cannot depend on the testkit, so
 * the reference backend is checked here; its agreement test compares it with itself and only proves the wiring.
 */
class JavaBackendConformanceTest extends BackendConformanceTest {
    JavaBackendConformanceTest() {
        super("java", false);
    }
}
