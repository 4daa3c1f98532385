/**
 * TensorFlow Java: trains and encodes PinnerFormer by lowering the model module's graphs to a TensorFlow graph.
 * Exports nothing; found through {@link org.pinnerformer.spi.BackendProvider}.
 *
 * <p>TensorFlow 2.18 comes from the {@code org.tensorflow:tensorflow-core-native} Maven artifact (classifier
 * {@code linux-x86_64}, class path) and is extracted locally by JavaCPP into a configurable directory
 * ({@code docs/tf.md}); nothing is downloaded at run time.
 */
module org.pinnerformer.backend.tf {
    requires org.pinnerformer.model;
    requires tensorflow;

    provides org.pinnerformer.spi.BackendProvider with org.pinnerformer.backend.tf.TfBackendProvider;
}
