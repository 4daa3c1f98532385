/**
 * Test support: seeded synthetic activity with known structure, and (with the backend issues) the
 * conformance suite every backend's tests extend.
 */
module org.pinnerformer.testkit {
    requires transitive org.pinnerformer.core;

    exports org.pinnerformer.testkit;
}
