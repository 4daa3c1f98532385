/**
 * The {@code tf} backend: trains and encodes PinnerFormer on TensorFlow 2.18 through TensorFlow Java 1.1.0 by
 * lowering the core's model graph to a TensorFlow graph. Only {@link org.pinnerformer.backend.tf.TfBackendProvider}
 * is public; it is found through {@link org.pinnerformer.spi.BackendProvider}.
 */
package org.pinnerformer.backend.tf;
