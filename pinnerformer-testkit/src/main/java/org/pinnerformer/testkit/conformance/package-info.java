/**
 * The backend conformance suite: {@link org.pinnerformer.testkit.conformance.BackendConformanceTest}, an abstract
 * JUnit 5 class that every backend's tests extend by naming the backend and saying whether it trains. It checks
 * shapes, unit norms, padding and causal invariance, closed-resource errors, input validation, agreement with
 * core's {@code java} reference backend, and (for training backends) the checkpoint round trip.
 */
package org.pinnerformer.testkit.conformance;
