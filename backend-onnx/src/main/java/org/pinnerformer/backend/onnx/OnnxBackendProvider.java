package org.pinnerformer.backend.onnx;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtLoggingLevel;
import org.pinnerformer.model.engine.EngineProvider;
import org.pinnerformer.spi.BackendOptions;
import org.pinnerformer.spi.Capability;

/**
 * The ONNX Runtime backend {@code onnx}: inference only (no published ONNX Runtime Java build trains). The
 * constructor loads nothing; {@link #probe()} loads the native library once (it is extracted from the jar into a
 * fresh directory under {@code java.io.tmpdir}, which ONNX Runtime empties but leaves; {@link OrtTempDirs} removes it
 * when the JVM exits normally). See the package documentation for threads, devices and telemetry.
 */
public final class OnnxBackendProvider extends EngineProvider {
    /** A free constructor, as the SPI requires. */
    public OnnxBackendProvider() {
        super("onnx", Capability.INFER);
    }

    @Override
    protected String load() throws Exception {
        OrtEnvironment env = environment();
        return "ONNX Runtime " + env.getVersion() + " (execution providers " + OrtEnvironment.getAvailableProviders()
                + ")";
    }

    /** The ONNX Runtime environment's logging name. */
    static final String LOG_ID = "pinnerformer";

    private static OrtEnvironment environment;

    /**
     * The process-wide environment, fetched once, logging warnings only, with telemetry switched off (a no-op on
     * Linux, where the pinned version collects none).
     */
    static synchronized OrtEnvironment environment() throws Exception {
        if (environment == null) {
            java.nio.file.Path tmp = java.nio.file.Path.of(System.getProperty("java.io.tmpdir"));
            java.util.Set<String> before = OrtTempDirs.list(tmp);
            OrtEnvironment env = OrtEnvironment.getEnvironment(OrtLoggingLevel.ORT_LOGGING_LEVEL_WARNING, LOG_ID);
            OrtTempDirs.removeAtExit(tmp, before, OrtTempDirs.list(tmp));
            env.setTelemetry(false);
            environment = env;
        }
        return environment;
    }

    @Override
    protected OnnxEngine open(BackendOptions options) throws Exception {
        return new OnnxEngine(environment(), OnnxSettings.of(options));
    }
}
