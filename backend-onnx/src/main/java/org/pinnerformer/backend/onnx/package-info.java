/**
 * The {@code onnx} backend (inference only): user and item encoders that export the checkpoint's towers with
 * {@link org.pinnerformer.backend.onnx.export.OnnxExport} and run them on ONNX Runtime.
 *
 * <p><b>Threads.</b> {@link org.pinnerformer.spi.BackendOptions#threads()} intra-op threads; 0 means 1 on machines
 * with at most 2 cores (fastest there) and the number of cores otherwise. One inter-op thread, sequential
 * execution, spinning off ({@code session.intra_op.allow_spinning=0}).
 *
 * <p><b>Devices.</b> {@code CPU} runs on the CPU; {@code GPU} adds the CUDA execution provider and fails with a
 * {@link org.pinnerformer.api.BackendException} naming the available providers when the ONNX Runtime on the path
 * has none (the default {@code onnxruntime} artifact is CPU-only; {@code onnxruntime_gpu} has CUDA); {@code AUTO}
 * uses CUDA when present, else the CPU.
 *
 * <p><b>Telemetry: the library never phones home.</b> ONNX Runtime is pinned to 1.28.0. Checked on Linux x86-64
 * with a temporary HOME: 1.20.0, 1.23.2, 1.24.2, 1.26.0 and 1.28.0 write nothing under the user's home directory,
 * while 1.29.0 writes a device id and an event database under {@code ~/.cache/Microsoft/DeveloperTools/.onnxruntime}
 * as soon as the environment is created, unless {@code ORT_DISABLE_TELEMETRY=1} is set before the JVM starts
 * ({@code OrtEnvironment.setTelemetry(false)} comes too late). Do not raise the version without repeating the check:
 * {@code TelemetryTest} runs inference in a forked JVM with a temporary HOME and fails if anything is written there
 * (it fails with {@code -Donnxruntime.version=1.29.0}). The native library is extracted into a fresh
 * {@code onnxruntime-java*} directory under {@code java.io.tmpdir}. See {@code docs/onnx.md}.
 */
package org.pinnerformer.backend.onnx;
