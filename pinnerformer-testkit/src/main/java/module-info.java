/**
 * Test support: seeded synthetic activity with known structure, and the conformance suite every
 * backend's tests extend ({@code org.pinnerformer.testkit.conformance}).
 */
module org.pinnerformer.testkit {
    requires transitive org.pinnerformer.core;

    // Only the conformance suite needs these; the tests that extend it bring them (test scope), so users of
    // SyntheticActivity alone (the CLI's benchmarks) do not get JUnit and AssertJ.
    requires static org.junit.jupiter.api;
    requires static org.assertj.core;

    exports org.pinnerformer.testkit;
    exports org.pinnerformer.testkit.conformance;
    // JUnit runs the inherited test methods reflectively.
    opens org.pinnerformer.testkit.conformance;
}
