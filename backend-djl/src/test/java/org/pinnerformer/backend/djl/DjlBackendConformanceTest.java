package org.pinnerformer.backend.djl;

import org.pinnerformer.spi.BackendOptions;
import org.pinnerformer.testkit.conformance.BackendConformanceTest;

/** The shared conformance suite on the djl backend (trains and infers). */
class DjlBackendConformanceTest extends BackendConformanceTest {
    DjlBackendConformanceTest() {
        super("djl", true);
    }

    @Override
    protected BackendOptions options() {
        return BackendOptions.defaults().withThreads(2);
    }
}
