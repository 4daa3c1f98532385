/**
 * Test support: {@link org.pinnerformer.testkit.SyntheticActivity}, seeded synthetic activity with known
 * structure (interests over item clusters, Zipf popularity, bursty sessions) configured by
 * {@link org.pinnerformer.testkit.SyntheticConfig} and streamed through an
 * {@link org.pinnerformer.testkit.ActionSink}; the backend conformance suite lives in
 * {@code org.pinnerformer.testkit.conformance}.
 */
package org.pinnerformer.testkit;
