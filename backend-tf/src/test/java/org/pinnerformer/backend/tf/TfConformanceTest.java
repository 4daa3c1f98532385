package org.pinnerformer.backend.tf;

import org.pinnerformer.spi.BackendOptions;
import org.pinnerformer.testkit.conformance.BackendConformanceTest;

/** The shared conformance suite on the tf backend (trains and infers). */
class TfConformanceTest extends BackendConformanceTest {
    TfConformanceTest() {
        super("tf", true);
    }

    @Override
    protected BackendOptions options() {
        return BackendOptions.defaults().withThreads(2);
    }
}
