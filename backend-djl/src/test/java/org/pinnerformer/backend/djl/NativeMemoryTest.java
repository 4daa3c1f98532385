package org.pinnerformer.backend.djl;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.sun.jna.Function;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import org.junit.jupiter.api.Test;
import org.pinnerformer.api.Backends;
import org.pinnerformer.spi.BackendOptions;

/** Copies into libtorch arrays and the process-wide native settings the backend makes. */
class NativeMemoryTest {

    @Test
    void copiesHoldTheValues() {
        try (DjlEngine backend = new DjlEngine(BackendOptions.defaults());
                NDManager manager = NDManager.newBaseManager(backend.device(), "PyTorch")) {
            float[] f = {1.5f, -2f, 3.25f, 0f, 7f, Float.MIN_VALUE};
            NDArray a = Tensors.floats(manager, FloatBuffer.wrap(f, 1, 4), Tensors.shape(2, 2));
            assertThat(a.toFloatArray()).containsExactly(-2f, 3.25f, 0f, 7f);
            NDArray l = Tensors.longs(manager, IntBuffer.wrap(new int[] {3, -1, Integer.MAX_VALUE}), Tensors.shape(3));
            assertThat(l.toLongArray()).containsExactly(3L, -1L, Integer.MAX_VALUE);
        }
    }

    @Test
    void mallocThresholdsAreRaisedOnceUnlessTheEnvironmentOrThePropertySaysOtherwise() {
        String first = Natives.tuneMalloc();
        assertThat(Natives.tuneMalloc()).isSameAs(first);
        boolean linux = System.getProperty("os.name").toLowerCase(java.util.Locale.ROOT).contains("linux");
        boolean environment = System.getenv("MALLOC_MMAP_THRESHOLD_") != null
                || System.getenv("MALLOC_TRIM_THRESHOLD_") != null || System.getenv("GLIBC_TUNABLES") != null;
        if ("false".equalsIgnoreCase(System.getProperty(Natives.TUNE_MALLOC))) {
            assertThat(first).contains("left as they are");
        } else if (environment) {
            assertThat(first).isEqualTo("malloc thresholds left as the environment sets them");
        } else if (linux && !first.contains("no glibc")) {
            assertThat(first).startsWith("glibc malloc thresholds raised (mmap 32 MiB: set, trim 256 MiB: set;");
        } else {
            assertThat(first).contains("left as they are");
        }
    }

    @Test
    void openMpWorkersWaitPassivelyUnlessTheEnvironmentChose() {
        String message = Backends.discover().find("djl").orElseThrow().probe().message();
        String inProcess = Function.getFunction("c", "getenv").invokeString(new Object[] {"OMP_WAIT_POLICY"}, false);
        if (System.getenv("OMP_WAIT_POLICY") != null) {
            assertThat(inProcess).isEqualTo(System.getenv("OMP_WAIT_POLICY"));
            assertThat(message).contains("OMP_WAIT_POLICY left as the environment sets it");
        } else if (System.getProperty(Natives.OMP_WAIT_POLICY) == null) {
            assertThat(inProcess).isEqualTo("PASSIVE");
            assertThat(message).contains("OMP_WAIT_POLICY=PASSIVE set for libtorch's OpenMP workers");
        }
    }
}
