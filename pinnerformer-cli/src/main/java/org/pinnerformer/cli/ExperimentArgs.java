package org.pinnerformer.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import org.pinnerformer.api.Backends;
import org.pinnerformer.api.PinnerFormerException;
import org.pinnerformer.core.data.Dataset;
import org.pinnerformer.core.data.MovieLens;
import org.pinnerformer.core.data.ReadMode;
import org.pinnerformer.core.data.ReadReport;
import org.pinnerformer.spi.Backend;
import org.pinnerformer.spi.Capability;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Options shared by train, evaluate, quickstart, embed and index: the data directory, how strictly it is read, and
 * the backend. {@link #load()} prints what reading kept, skipped and dropped on stderr.
 */
final class ExperimentArgs {
    /** The copy of ml-latest-small shipped with the project, relative to the project root. */
    static final String BUNDLED_DATA = "data/ml-latest-small";
    /** How many skipped lines {@link #load()} quotes. */
    static final int QUOTED_LINES = 5;

    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Option(names = "--data", paramLabel = "DIR",
            description = "MovieLens ml-latest-small style directory: ratings.csv and movies.csv, tags.csv optional "
                    + "(default: the project's bundled " + BUNDLED_DATA + ", looked up in the working directory, "
                    + "then next to the jar).")
    Path data;

    @Option(names = "--lenient",
            description = "Skip and count malformed lines (the first few are quoted) and accept a data set that lost "
                    + "more than --max-dropped-share; default: strict, the first bad line stops the command.")
    boolean lenient;

    @Option(names = "--max-dropped-share", paramLabel = "SHARE", defaultValue = "0.1",
            description = "Largest share of rows that may be skipped or dropped (unknown items, out-of-vocabulary "
                    + "types, duplicates) before the data is refused, unless --lenient (default: ${DEFAULT-VALUE}).")
    double maxDroppedShare;

    @Mixin
    BackendArgs backendArgs;

    /** The data directory: {@code --data}, else the bundled data set. */
    Path dataDirectory() {
        if (data != null) {
            return data;
        }
        return bundledData().orElseThrow(() -> new PinnerFormerException("no --data given, and the bundled "
                + BUNDLED_DATA + " is neither in the working directory nor next to the jar; pass --data DIR with "
                + "the files of MovieLens ml-latest-small"));
    }

    /** The bundled data set, from the working directory or from the folders above this code's jar or classes. */
    static Optional<Path> bundledData() {
        List<Path> candidates = new ArrayList<>();
        candidates.add(Path.of(BUNDLED_DATA));
        try {
            Path code = Path.of(ExperimentArgs.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            for (Path p = code.getParent(); p != null && candidates.size() < 6; p = p.getParent()) {
                candidates.add(p.resolve(BUNDLED_DATA));
            }
        } catch (Exception e) {
            // no code location (a custom class loader): the working directory only
        }
        return candidates.stream().filter(p -> Files.isRegularFile(p.resolve("ratings.csv"))).findFirst()
                .map(p -> p.toAbsolutePath().normalize());
    }

    /**
     * Reads the data set ({@code --lenient} or strictly), prints what was read, skipped and dropped on stderr, and
     * refuses it when more than {@code --max-dropped-share} of its rows were lost (unless {@code --lenient}).
     */
    Dataset load() {
        if (!(maxDroppedShare >= 0 && maxDroppedShare <= 1)) {
            throw new IllegalArgumentException("--max-dropped-share must be in [0, 1], was " + maxDroppedShare);
        }
        Path dir = dataDirectory();
        if (!Files.isRegularFile(dir.resolve("ratings.csv"))) {
            throw new PinnerFormerException("cannot read data directory " + dir + ": it has no ratings.csv;"
                    + " pass --data DIR with the files of MovieLens ml-latest-small");
        }
        Dataset d = MovieLens.latestSmall(dir, lenient ? ReadMode.LENIENT : ReadMode.STRICT);
        report(d, dir);
        if (!lenient) {
            d.report().requireLostAtMost(maxDroppedShare);
        }
        return d;
    }

    private void report(Dataset d, Path dir) {
        if (mixee == null) {
            return;
        }
        PrintWriter err = mixee.commandLine().getErr();
        ReadReport r = d.report();
        err.printf(Locale.ROOT, "read %s from %s: %s%n", d.name(), dir, r.summary());
        List<String> examples = r.examples();
        for (String e : examples.subList(0, Math.min(QUOTED_LINES, examples.size()))) {
            err.println("  skipped " + e);
        }
        err.flush();
    }

    /** Opens the named backend, or the first usable one with the capabilities. */
    Backend open(Supplier<Backends> discovery, Capability... required) {
        return backendArgs.open(discovery, required);
    }
}
