package org.pinnerformer.backend.djl;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;

/** Process-wide libtorch settings: offline mode, no tracking, JNA's temporary directory, thread counts. */
final class Natives {
    static final String OFFLINE = "ai.djl.offline";
    static final String OPT_OUT_TRACKING = "OPT_OUT_TRACKING";
    static final String JNA_TMPDIR = "jna.tmpdir";

    private Natives() {
    }

    /**
     * Puts DJL in offline mode and opts out of usage tracking, unless the caller already chose; must run
     * before the PyTorch engine first loads.
     */
    static void prepareOffline() {
        setIfAbsent(OFFLINE, "true");
        setIfAbsent(OPT_OUT_TRACKING, "true");
        // DJL loads JNA, which otherwise unpacks its native stub under ~/.cache/JNA; keep it in the JVM's
        // temporary directory with ONNX Runtime's (the CI's no-network smoke test checks HOME stays empty).
        setIfAbsent(JNA_TMPDIR, System.getProperty("java.io.tmpdir"));
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null && System.getenv(key) == null) {
            System.setProperty(key, value);
        }
    }

    static int gpuCount() {
        return Engine.getEngine("PyTorch").getGpuCount();
    }

    /**
     * Sets libtorch's intra-op threads (process-wide in libtorch) when {@code threads > 0}; inter-op
     * threads are left alone because libtorch allows setting them only once, before any parallel work.
     */
    static void threads(int threads) {
        if (threads > 0 && JniUtils.getNumThreads() != threads) {
            JniUtils.setNumThreads(threads);
        }
    }
}
