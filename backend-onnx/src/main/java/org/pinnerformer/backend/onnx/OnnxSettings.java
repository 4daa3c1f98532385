package org.pinnerformer.backend.onnx;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtProvider;
import ai.onnxruntime.OrtSession;
import java.util.EnumSet;
import org.pinnerformer.api.BackendException;
import org.pinnerformer.spi.BackendOptions;
import org.pinnerformer.spi.Device;

/**
 * How sessions are configured, resolved once from {@link BackendOptions}: intra-op threads (0 means 1 on machines
 * with at most 2 cores, where one thread was fastest, otherwise the number of cores), one inter-op thread, no
 * spinning, all graph optimisations, and the CUDA execution provider when a GPU is asked for.
 *
 * @param threads intra-op threads, &gt;= 1
 * @param cuda whether sessions use the CUDA execution provider
 */
record OnnxSettings(int threads, boolean cuda) {

    static OnnxSettings of(BackendOptions options) {
        int cores = Runtime.getRuntime().availableProcessors();
        int threads = options.threads() > 0 ? options.threads() : cores <= 2 ? 1 : cores;
        EnumSet<OrtProvider> available = OrtEnvironment.getAvailableProviders();
        boolean hasCuda = available.contains(OrtProvider.CUDA);
        if (options.device() == Device.GPU && !hasCuda) {
            throw new BackendException("the 'onnx' backend was asked for Device.GPU, but this ONNX Runtime has no "
                    + "CUDA execution provider (available: " + available + "); put the com.microsoft.onnxruntime:"
                    + "onnxruntime_gpu artifact on the path instead of onnxruntime, or ask for Device.CPU or "
                    + "Device.AUTO");
        }
        return new OnnxSettings(threads, options.device() != Device.CPU && hasCuda);
    }

    /** New session options; the caller closes them. */
    OrtSession.SessionOptions sessionOptions() throws OrtException {
        OrtSession.SessionOptions o = new OrtSession.SessionOptions();
        try {
            o.setIntraOpNumThreads(threads);
            o.setInterOpNumThreads(1);
            o.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
            o.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            o.addConfigEntry("session.intra_op.allow_spinning", "0");
            o.addConfigEntry("session.inter_op.allow_spinning", "0");
            if (cuda) {
                o.addCUDA(0);
            }
            return o;
        } catch (OrtException | RuntimeException e) {
            o.close();
            throw e;
        }
    }
}
