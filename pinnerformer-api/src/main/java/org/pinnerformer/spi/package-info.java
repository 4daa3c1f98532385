/**
 * The backend service provider interface.
 *
 * <h2>Writing a backend</h2>
 * <ol>
 *   <li>Implement {@link org.pinnerformer.spi.BackendProvider}. Its public no-argument constructor must be
 *       free: no native library is loaded, no file is touched. Extend
 *       {@link org.pinnerformer.spi.AbstractBackendProvider} to get a cached {@code probe()} that loads the
 *       engine once, catches {@link java.lang.LinkageError} and remembers the first failure.</li>
 *   <li>Register the provider twice, with the same class: {@code provides org.pinnerformer.spi.BackendProvider
 *       with ...} in {@code module-info.java} for module-path users, and a line in
 *       {@code META-INF/services/org.pinnerformer.spi.BackendProvider} for class-path users.</li>
 *   <li>Implement {@link org.pinnerformer.spi.Backend}: it hands out a {@link org.pinnerformer.spi.Trainer},
 *       {@link org.pinnerformer.spi.UserEncoder}s and {@link org.pinnerformer.spi.ItemEncoder}s built by
 *       LOWERING the model graph of {@link org.pinnerformer.spi.graph} to the engine: a backend translates
 *       each operation of the graph; it never re-implements PinnerFormer.</li>
 *   <li>Extend the conformance suite of {@code pinnerformer-testkit} in the backend's tests.</li>
 * </ol>
 *
 * <p>Every type here is {@link java.lang.AutoCloseable} where it holds native resources: {@code close()} is
 * idempotent and use after close throws {@link java.lang.IllegalStateException} with a sentence. Checked
 * exceptions of an engine are wrapped in {@link org.pinnerformer.api.BackendException} with the operation
 * and the sizes involved. No method accepts or returns {@code null}.
 */
package org.pinnerformer.spi;
