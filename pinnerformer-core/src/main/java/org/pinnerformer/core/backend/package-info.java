/**
 * The pure-Java {@code java} backend: inference with the model module's graph interpreter as an
 * {@link org.pinnerformer.model.engine.Engine}, no native code. Registered as a
 * {@link org.pinnerformer.spi.BackendProvider} both in {@code module-info} and in {@code META-INF/services}.
 */
package org.pinnerformer.core.backend;
