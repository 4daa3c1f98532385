/**
 * An application of PinnerFormer: it reads the api only. Core (the implementation) and the ONNX Runtime backend are
 * bound at run time through the services the api {@code uses}.
 */
module org.example.consumer {
    requires org.pinnerformer.api;
}
