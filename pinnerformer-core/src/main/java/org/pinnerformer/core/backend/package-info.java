/**
 * The pure-Java {@code java} backend: inference with core's graph interpreter, no native code. Registered as a
 * {@link org.pinnerformer.spi.BackendProvider} both in {@code module-info} and in {@code META-INF/services}.
 */
package org.pinnerformer.core.backend;
