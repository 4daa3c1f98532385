package org.pinnerformer.core.backend;

import org.pinnerformer.api.BackendException;
import org.pinnerformer.api.Version;
import org.pinnerformer.model.engine.Engine;
import org.pinnerformer.model.engine.EngineProvider;
import org.pinnerformer.spi.BackendOptions;
import org.pinnerformer.spi.Capability;
import org.pinnerformer.spi.Device;

/**
 * The pure-Java backend {@code java}: inference only, with the model's graph interpreter. It needs no native
 * library, so it is always usable; it runs on the CPU with {@link BackendOptions#threads()} threads (0 = all cores).
 */
public final class JavaBackendProvider extends EngineProvider {
    /** The provider name. */
    public static final String NAME = "java";

    /** A free constructor, as the SPI requires. */
    public JavaBackendProvider() {
        super(NAME, Capability.INFER);
    }

    @Override
    protected String load() {
        return "pure-Java graph interpreter (pinnerformer-core " + Version.VERSION + ")";
    }

    @Override
    protected Engine open(BackendOptions options) {
        if (options.device() == Device.GPU) {
            throw new BackendException("the 'java' backend runs on the CPU only; ask for Device.CPU or Device.AUTO, "
                    + "or use the 'djl' or 'tf' backend for a GPU");
        }
        return new JavaEngine(options.threads() == 0 ? Runtime.getRuntime().availableProcessors() : options.threads());
    }
}
