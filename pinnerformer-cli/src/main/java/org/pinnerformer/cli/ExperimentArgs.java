package org.pinnerformer.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;
import org.pinnerformer.api.Backends;
import org.pinnerformer.api.PinnerFormerException;
import org.pinnerformer.core.data.Dataset;
import org.pinnerformer.core.data.MovieLens;
import org.pinnerformer.spi.Backend;
import org.pinnerformer.spi.Capability;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Options shared by train, evaluate, quickstart, embed and index: the data directory and the backend. */
final class ExperimentArgs {
    /** The copy of ml-latest-small shipped with the project, relative to the project root. */
    static final String BUNDLED_DATA = "data/ml-latest-small";

    @Option(names = "--data", paramLabel = "DIR", defaultValue = BUNDLED_DATA,
            description = "MovieLens ml-latest-small style directory with ratings.csv and movies.csv "
                    + "(default: ${DEFAULT-VALUE}).")
    Path data;

    @Mixin
    BackendArgs backendArgs;

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
        return backendArgs.open(discovery, required);
    }
}
