package org.pinnerformer.core.backend;

import java.util.EnumSet;
import java.util.Set;
import org.pinnerformer.api.BackendException;
import org.pinnerformer.core.Version;
import org.pinnerformer.spi.AbstractBackendProvider;
import org.pinnerformer.spi.Backend;
import org.pinnerformer.spi.BackendOptions;
import org.pinnerformer.spi.Capability;
import org.pinnerformer.spi.Device;

/**
 * The pure-Java backend {@code java}: inference only, with core's graph interpreter. It needs no native library,
 * so it is always usable; it runs on the CPU with {@link BackendOptions#threads()} threads (0 = all cores).
 */
public final class JavaBackendProvider extends AbstractBackendProvider {
    /** The provider name. */
    public static final String NAME = "java";

    /** A free constructor, as the SPI requires. */
    public JavaBackendProvider() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<Capability> capabilities() {
        return EnumSet.of(Capability.INFER);
    }

    @Override
    protected String load() {
        return "pure-Java graph interpreter (pinnerformer-core " + Version.VERSION + ")";
    }

    @Override
    public Backend create(BackendOptions options) {
        java.util.Objects.requireNonNull(options, "options");
        if (options.device() == Device.GPU) {
            throw new BackendException("the 'java' backend runs on the CPU only; ask for Device.CPU or Device.AUTO, "
                    + "or use the 'djl' or 'tf' backend for a GPU");
        }
        int threads = options.threads() == 0 ? Runtime.getRuntime().availableProcessors() : options.threads();
        return new JavaBackend(threads);
    }
}
