/**
 * ONNX export: {@link org.pinnerformer.backend.onnx.export.OnnxLowering} lowers any core graph to an ONNX model
 * (opset 17, IR 8) with one ONNX construction per op of {@link org.pinnerformer.spi.graph.Op};
 * {@link org.pinnerformer.backend.onnx.export.OnnxExport} writes a checkpoint's newest-only user tower, full user
 * tower and item tower; {@link org.pinnerformer.backend.onnx.export.OnnxModelExporter} is the {@code onnx}
 * {@link org.pinnerformer.spi.ModelExporter} service through which callers outside this module reach it.
 *
 * <p>The protobuf wire format is written by hand ({@code ProtoWriter}, {@code OnnxGraph}): ModelProto, GraphProto,
 * NodeProto, AttributeProto, TensorProto (raw_data), ValueInfoProto/TypeProto with {@code dim_param} for the
 * symbolic dimensions B, T and N, and OperatorSetIdProto. Int32 graph inputs stay int32 in ONNX (Gather accepts
 * int32 indices), so the exported models take exactly the tensors of {@link org.pinnerformer.model.ModelInputs}.
 * Weights are initializers named by their checkpoint tensor names; outputs are named as in
 * {@link org.pinnerformer.model.GraphNames}.
 */
package org.pinnerformer.backend.onnx.export;
