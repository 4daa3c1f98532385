/**
 * The ONNX Runtime backend: the model module's graphs lowered to ONNX (written in plain Java, no protobuf library),
 * inference on ONNX Runtime. Exports nothing; reached through the two services it provides.
 */
module org.pinnerformer.backend.onnx {
    requires org.pinnerformer.model;
    requires com.microsoft.onnxruntime;

    provides org.pinnerformer.spi.BackendProvider with org.pinnerformer.backend.onnx.OnnxBackendProvider;
    provides org.pinnerformer.spi.ModelExporter with org.pinnerformer.backend.onnx.export.OnnxModelExporter;
}
