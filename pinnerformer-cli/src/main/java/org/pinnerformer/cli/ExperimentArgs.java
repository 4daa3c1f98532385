package org.pinnerformer.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;
import org.pinnerformer.api.Backends;
import org.pinnerformer.api.PinnerFormerException;
import org.pinnerformer.core.data.Dataset;
import org.pinnerformer.core.data.MovieLens;
import org.pinnerformer.spi.Backend;
import org.pinnerformer.spi.BackendOptions;
import org.pinnerformer.spi.Capability;
import picocli.CommandLine.Option;

/** Options shared by train, evaluate and quickstart: the data directory and the backend. */
final class ExperimentArgs {
    /** The copy of ml-latest-small shipped with the project, relative to the project root. */
    static final String BUNDLED_DATA = "data/ml-latest-small";

    @Option(names = "--data", paramLabel = "DIR", defaultValue = BUNDLED_DATA,
            description = "MovieLens ml-latest-small style directory with ratings.csv and movies.csv "
                    + "(default: ${DEFAULT-VALUE}).")
    Path data;

    @Option(names = "--backend", paramLabel = "NAME",
            description = "Backend to use (default: the first usable one by name; see 'pinnerformer backends').")
    String backend;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "0",
            description = "Backend threads; 0 lets the backend choose (default: ${DEFAULT-VALUE}).")
    int threads;

    /** Reads the data set. */
    Dataset load() {
        if (!Files.isRegularFile(data.resolve("ratings.csv"))) {
            throw new PinnerFormerException("cannot read data directory " + data + ": it has no ratings.csv;"
                    + " pass --data DIR with the files of MovieLens ml-latest-small");
        }
        return MovieLens.latestSmall(data);
    }

    /** Opens the named backend, or the first usable one with the capabilities. */
    Backend open(Supplier<Backends> discovery, Capability... required) {
        if (threads < 0) {
            throw new IllegalArgumentException("--threads must be >= 0, was " + threads);
        }
        BackendOptions options = BackendOptions.defaults().withThreads(threads);
        Backends backends = discovery.get();
        return backend == null ? backends.create(options, required) : backends.create(backend, options, required);
    }
}
