/**
 * The {@code pinnerformer-bench} command: throughput benchmarks of the library's stages on this machine (reading,
 * sampling, training, inference, store, index, the daily job) and JMH micro-benchmarks of its hot loops.
 */
package org.pinnerformer.bench;
