/** Synthetic data generators and shared test suites. */
package org.pinnerformer.testkit;
