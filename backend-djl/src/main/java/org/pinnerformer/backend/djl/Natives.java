package org.pinnerformer.backend.djl;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import com.sun.jna.Function;
import com.sun.jna.Platform;
import java.util.Locale;

/**
 * Process-wide libtorch settings: offline mode, no tracking, JNA's temporary directory, thread counts, and the
 * C allocator's thresholds.
 */
final class Natives {
    static final String OFFLINE = "ai.djl.offline";
    static final String OPT_OUT_TRACKING = "OPT_OUT_TRACKING";
    static final String JNA_TMPDIR = "jna.tmpdir";
    /** System property: {@code false} leaves glibc malloc's thresholds as the process has them. */
    static final String TUNE_MALLOC = "pinnerformer.djl.tuneMalloc";
    /** glibc {@code M_TRIM_THRESHOLD}: free memory at the top of the heap kept rather than returned. */
    static final int M_TRIM_THRESHOLD = -1;
    /** glibc {@code M_MMAP_THRESHOLD}: allocations at least this large get their own mapping. */
    static final int M_MMAP_THRESHOLD = -3;
    /** 32 MiB, the largest mmap threshold glibc accepts on 64-bit: every activation of a training step fits. */
    static final int MMAP_THRESHOLD = 32 << 20;
    /** 256 MiB of free heap kept per arena, so a step's buffers are reused rather than faulted in again. */
    static final int TRIM_THRESHOLD = 256 << 20;

    /**
     * System property: the {@code OMP_WAIT_POLICY} libtorch's OpenMP runtime starts with when the environment
     * does not set one; default {@code PASSIVE}, {@code default} leaves OpenMP's own (spinning) choice.
     */
    static final String OMP_WAIT_POLICY = "pinnerformer.djl.ompWaitPolicy";

    private static final System.Logger LOG = System.getLogger(Natives.class.getName());
    private static String mallocTuning;

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

    /**
     * Sets {@code OMP_WAIT_POLICY} in the process environment (unless set there already or
     * {@value #OMP_WAIT_POLICY} is {@code default}); must run before libtorch, and with it libgomp, first loads,
     * because libgomp reads it once then.
     *
     * <p>By default libgomp's idle workers spin; when the machine has more runnable threads than cores (parallel
     * builds, other jobs, an executor with more tasks than cores) the spinning workers take the cores the
     * working ones need. On the 2-core build machine at load average 7, training ran at 26 sequences/s with the
     * default and 170-179 with {@code PASSIVE}.
     *
     * @return a sentence saying what was done
     */
    static String prepareOpenMp() {
        if (System.getenv("OMP_WAIT_POLICY") != null) {
            return "OMP_WAIT_POLICY left as the environment sets it (" + System.getenv("OMP_WAIT_POLICY") + ")";
        }
        String policy = System.getProperty(OMP_WAIT_POLICY, "PASSIVE").strip().toUpperCase(Locale.ROOT);
        if (policy.equals("DEFAULT")) {
            return "OMP_WAIT_POLICY left unset (" + OMP_WAIT_POLICY + "=default)";
        }
        if (!policy.equals("PASSIVE") && !policy.equals("ACTIVE")) {
            throw new IllegalArgumentException("system property " + OMP_WAIT_POLICY + " must be PASSIVE, ACTIVE or"
                    + " default, was '" + System.getProperty(OMP_WAIT_POLICY) + "'");
        }
        if (!Platform.isLinux() && !Platform.isMac()) {
            return "OMP_WAIT_POLICY left unset (not a POSIX system)";
        }
        try {
            int rc = Function.getFunction("c", "setenv").invokeInt(new Object[] {"OMP_WAIT_POLICY", policy, 0});
            return rc == 0 ? "OMP_WAIT_POLICY=" + policy + " set for libtorch's OpenMP workers"
                    : "OMP_WAIT_POLICY left unset (setenv failed)";
        } catch (UnsatisfiedLinkError e) {
            return "OMP_WAIT_POLICY left unset (" + e.getMessage() + ")";
        }
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null && System.getenv(key) == null) {
            System.setProperty(key, value);
        }
    }

    /**
     * Raises glibc malloc's mmap and trim thresholds once per process (on Linux with glibc, unless the system
     * property {@value #TUNE_MALLOC} is {@code false} or the environment already sets {@code MALLOC_*_}
     * thresholds).
     *
     * <p>libtorch allocates each activation and gradient of a step fresh, many of them 2-32 MiB. With glibc's
     * defaults those come from fresh mappings, or from heap that was trimmed back to the kernel, so every step
     * page-faults its buffers in again: on the 2-core build machine that took a quarter of the training step's
     * time. With the raised thresholds freed buffers stay in the heap and are reused. The cost is memory the
     * process keeps after a peak (up to {@link #TRIM_THRESHOLD} per malloc arena).
     *
     * @return a sentence saying what was done, for logs and benchmarks
     */
    static synchronized String tuneMalloc() {
        if (mallocTuning == null) {
            mallocTuning = applyMallocTuning();
            LOG.log(System.Logger.Level.DEBUG, mallocTuning);
        }
        return mallocTuning;
    }

    private static String applyMallocTuning() {
        if ("false".equalsIgnoreCase(System.getProperty(TUNE_MALLOC, "true"))) {
            return "malloc thresholds left as they are (" + TUNE_MALLOC + "=false)";
        }
        if (System.getenv("MALLOC_MMAP_THRESHOLD_") != null || System.getenv("MALLOC_TRIM_THRESHOLD_") != null
                || System.getenv("GLIBC_TUNABLES") != null) {
            return "malloc thresholds left as the environment sets them";
        }
        if (!Platform.isLinux()) {
            return "malloc thresholds left as they are (not Linux)";
        }
        try {
            Function.getFunction("c", "gnu_get_libc_version");
            Function mallopt = Function.getFunction("c", "mallopt");
            boolean mmap = mallopt.invokeInt(new Object[] {M_MMAP_THRESHOLD, MMAP_THRESHOLD}) == 1;
            boolean trim = mallopt.invokeInt(new Object[] {M_TRIM_THRESHOLD, TRIM_THRESHOLD}) == 1;
            return String.format(Locale.ROOT, "glibc malloc thresholds raised (mmap %d MiB: %s, trim %d MiB: %s;"
                    + " %s=false turns this off)", MMAP_THRESHOLD >> 20, mmap ? "set" : "refused",
                    TRIM_THRESHOLD >> 20, trim ? "set" : "refused", TUNE_MALLOC);
        } catch (UnsatisfiedLinkError e) {
            return "malloc thresholds left as they are (no glibc: " + e.getMessage() + ")";
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
