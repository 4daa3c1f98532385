package org.pinnerformer.backend.tf;

import java.nio.file.Path;
import java.util.Optional;
import org.pinnerformer.spi.BackendOptions;
import org.tensorflow.DeviceSpec;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.TensorFlow;
import org.tensorflow.op.Ops;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.GraphOptions;
import org.tensorflow.proto.RewriterConfig;
import org.tensorflow.types.TFloat32;

/**
 * Process-wide TensorFlow settings: where JavaCPP extracts the native libraries, and the session configuration
 * (threads, device).
 *
 * <p>The extraction directory is, in order: the system property {@value #CACHE_DIR_PROPERTY} when set; else the
 * {@link BackendOptions#nativeDirectory()} of the first backend created; else {@code $XDG_CACHE_HOME/pinnerformer/
 * javacpp} ({@code ~/.cache/pinnerformer/javacpp} without XDG_CACHE_HOME). JavaCPP reads it once, when TensorFlow
 * first loads, so later choices do not move it.
 */
final class Natives {
    /** JavaCPP's own system property for its extraction directory. */
    static final String CACHE_DIR_PROPERTY = "org.bytedeco.javacpp.cachedir";

    private static volatile boolean loaded;

    private Natives() {
    }

    /** The default extraction directory under the user's cache directory. */
    static Path defaultCacheDirectory() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg)
                : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("pinnerformer").resolve("javacpp");
    }

    /**
     * Chooses the extraction directory (unless TensorFlow is already loaded or the caller set the system property)
     * and returns the one in effect.
     */
    static synchronized Path prepare(Optional<Path> requested) {
        String current = System.getProperty(CACHE_DIR_PROPERTY);
        if (current == null && !loaded) {
            Path dir = requested.orElseGet(Natives::defaultCacheDirectory).toAbsolutePath();
            System.setProperty(CACHE_DIR_PROPERTY, dir.toString());
            current = dir.toString();
        }
        return current == null ? defaultCacheDirectory() : Path.of(current);
    }

    /** Loads TensorFlow (extracting it on first use) and returns its version. */
    static synchronized String load() {
        String version = TensorFlow.version();
        loaded = true;
        return version;
    }

    /** A session configuration for {@code threads} intra-op threads (0: TensorFlow's choice) and the device. */
    static ConfigProto config(int threads, boolean gpu) {
        ConfigProto.Builder b = ConfigProto.newBuilder().setAllowSoftPlacement(true)
                .setGraphOptions(GraphOptions.newBuilder().setRewriteOptions(RewriterConfig.newBuilder()
                        .setRemapping(RewriterConfig.Toggle.OFF)));
        if (threads > 0) {
            b.setIntraOpParallelismThreads(threads).setInterOpParallelismThreads(1);
        }
        if (!gpu) {
            b.putDeviceCount("GPU", 0);
        }
        return b.build();
    }

    /** Whether TensorFlow can run an op on {@code /device:GPU:0} (false with the CPU-only native jar). */
    static boolean gpuAvailable() {
        try (Graph g = new Graph()) {
            Ops tf = Ops.create(g).withDevice(DeviceSpec.newBuilder().deviceType(DeviceSpec.DeviceType.GPU)
                    .deviceIndex(0).build());
            Operand<TFloat32> one = tf.constant(1f);
            Operand<TFloat32> two = tf.math.add(one, one);
            ConfigProto strict = ConfigProto.newBuilder().setAllowSoftPlacement(false).build();
            try (Session s = new Session(g, strict); var r = s.runner().fetch(two).run()) {
                return r.size() == 1;
            }
        } catch (RuntimeException e) {
            return false;
        }
    }
}
