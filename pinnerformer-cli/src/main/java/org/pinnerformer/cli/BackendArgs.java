package org.pinnerformer.cli;

import java.util.function.Supplier;
import org.pinnerformer.api.Backends;
import org.pinnerformer.spi.Backend;
import org.pinnerformer.spi.BackendOptions;
import org.pinnerformer.spi.Capability;
import picocli.CommandLine.Option;

/** Options that choose a backend: {@code --backend} and {@code --threads}. */
final class BackendArgs {
    @Option(names = "--backend", paramLabel = "NAME",
            description = "Backend to use (default: the first usable one by name; see 'pinnerformer backends').")
    String backend;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "0",
            description = "Backend threads; 0 lets the backend choose (default: ${DEFAULT-VALUE}).")
    int threads;

    /** The backend options with {@code --threads}. */
    BackendOptions options() {
        if (threads < 0) {
            throw new IllegalArgumentException("--threads must be >= 0, was " + threads);
        }
        return BackendOptions.defaults().withThreads(threads);
    }

    /** Opens the named backend, or the first usable one with the capabilities. */
    Backend open(Supplier<Backends> discovery, Capability... required) {
        BackendOptions options = options();
        Backends backends = discovery.get();
        return backend == null ? backends.create(options, required) : backends.create(backend, options, required);
    }
}
