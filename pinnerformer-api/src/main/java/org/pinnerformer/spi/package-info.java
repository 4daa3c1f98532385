/**
 * The service provider interface, for backend authors (applications use the front door
 * {@link org.pinnerformer.api.PinnerFormer} instead; its implementation, {@link
 * org.pinnerformer.spi.PlatformProvider}, comes with {@code pinnerformer-core}): what a backend hands out
 * ({@link org.pinnerformer.spi.Backend}, {@link org.pinnerformer.spi.Trainer}, {@link org.pinnerformer.spi.UserEncoder},
 * {@link org.pinnerformer.spi.ItemEncoder}) and how backends are found ({@link org.pinnerformer.spi.BackendProvider},
 * through {@link java.util.ServiceLoader}).
 *
 * <h2>Writing a backend</h2>
 * A backend is its lowering and its natives; everything else is written once, in the {@code org.pinnerformer.model}
 * module (package {@code org.pinnerformer.model.engine}). The backend module {@code requires org.pinnerformer.model}
 * (which brings this api), never core.
 * <ol>
 *   <li>Implement {@code org.pinnerformer.model.engine.Engine}: {@code compile(checkpoint, graphs)} prepares graphs of
 *       {@link org.pinnerformer.spi.graph} that share one checkpoint's parameters and runs them on packed inputs; if
 *       the engine trains, {@code train(lossGraph, initial, options)} builds the loss over trainable parameters with an
 *       AdamW step (the model module's {@code LearningRateSchedule}). A backend translates each operation of the
 *       graph; it never re-implements PinnerFormer.</li>
 *   <li>Extend {@code org.pinnerformer.model.engine.EngineProvider}: {@code name()}, {@code capabilities()},
 *       {@code load()} (load the natives and say which version; run once by a cached {@code probe()} that catches
 *       {@link java.lang.LinkageError}) and {@code open(options)} (start an engine). Its public no-argument
 *       constructor must be free: no native library is loaded, no file is touched. Its {@code create} is final: it
 *       refuses with the probe's sentence when the engine could not load, and wraps the engine in the one
 *       {@link org.pinnerformer.spi.Backend}, whose encoders and trainer pack inputs, validate checkpoints, check
 *       output sizes, refuse use after close and are closed with the backend.</li>
 *   <li>Register the provider twice, with the same class: {@code provides org.pinnerformer.spi.BackendProvider
 *       with ...} in {@code module-info.java} for module-path users, and a line in
 *       {@code META-INF/services/org.pinnerformer.spi.BackendProvider} for class-path users.</li>
 *   <li>Extend the conformance suite of {@code pinnerformer-testkit} in the backend's tests.</li>
 * </ol>
 * A provider that is not made of an engine (a test fake) may still implement {@link org.pinnerformer.spi.BackendProvider}
 * directly, or extend {@link org.pinnerformer.spi.AbstractBackendProvider} for the cached probe.
 *
 * <p>Every type here is {@link java.lang.AutoCloseable} where it holds native resources: {@code close()} is
 * idempotent and use after close throws {@link java.lang.IllegalStateException} with a sentence. Checked
 * exceptions of an engine are wrapped in {@link org.pinnerformer.api.BackendException} with the operation
 * and the sizes involved. No method accepts or returns {@code null}.
 */
package org.pinnerformer.spi;
