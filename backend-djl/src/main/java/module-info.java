/**
 * PyTorch through DJL: trains and encodes PinnerFormer by lowering the model module's graphs to DJL
 * {@code NDArray} operations. Exports nothing; found through {@link org.pinnerformer.spi.BackendProvider}.
 *
 * <p>libtorch comes from the {@code ai.djl.pytorch:pytorch-native-cpu} Maven artifact (class path) and is
 * extracted locally by DJL; the provider switches DJL to offline mode and opts out of its usage tracking
 * before the engine loads, so the backend never reaches the network.
 */
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"})
module org.pinnerformer.backend.djl {
    requires org.pinnerformer.model;
    requires ai.djl.api;
    requires ai.djl.pytorch_engine;
    requires ai.djl.pytorch_jni;
    requires com.sun.jna;

    provides org.pinnerformer.spi.BackendProvider with org.pinnerformer.backend.djl.DjlBackendProvider;
}
