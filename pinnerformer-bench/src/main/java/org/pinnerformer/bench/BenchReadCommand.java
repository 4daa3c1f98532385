package org.pinnerformer.bench;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.pinnerformer.api.IoErrors;
import org.pinnerformer.api.PinnerFormerException;
import org.pinnerformer.core.data.ActionLogReader;
import org.pinnerformer.core.data.ActionTable;
import org.pinnerformer.core.data.Dataset;
import org.pinnerformer.core.data.MovieLens;
import org.pinnerformer.core.data.ReadMode;
import org.pinnerformer.core.data.ReadReport;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code pinnerformer-bench read}: how many MovieLens rating events a second the action-log reader parses on
 * one thread. The ratings file is read once and repeated in memory, so the figure measures parsing, not the
 * disk; warm-up iterations let the JIT compile the reader first.
 */
@Command(name = "read", mixinStandardHelpOptions = true,
        description = "Measure how many MovieLens rating events per second the reader parses on one thread.")
final class BenchReadCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--ratings", paramLabel = "FILE",
            description = "A MovieLens ratings.csv (default: ${DEFAULT-VALUE}, the copy bundled with the project).")
    private Path ratings = Path.of("data", "ml-latest-small", "ratings.csv");

    @Option(names = "--repeat", paramLabel = "N", defaultValue = "20",
            description = "How many times the file's rows are repeated in memory per iteration (default: ${DEFAULT-VALUE}).")
    private int repeat;

    @Option(names = "--warmup", paramLabel = "N", defaultValue = "5",
            description = "Warm-up iterations, not measured (default: ${DEFAULT-VALUE}).")
    private int warmup;

    @Option(names = "--iterations", paramLabel = "N", defaultValue = "10",
            description = "Measured iterations (default: ${DEFAULT-VALUE}).")
    private int iterations;

    @Option(names = "--timelines",
            description = "Also build timelines (map to the catalogue, sort, deduplicate) in each iteration.")
    private boolean timelines;

    @Override
    public Integer call() {
        positive("--repeat", repeat);
        positive("--iterations", iterations);
        if (warmup < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--warmup must be >= 0, was " + warmup);
        }
        try {
            return run(spec.commandLine().getOut());
        } catch (PinnerFormerException e) {
            spec.commandLine().getErr().println("error: " + e.getMessage());
            return 1;
        }
    }

    private int run(PrintWriter out) {
        byte[] input = repeated(ratings, repeat);
        String source = ratings + " x" + repeat;
        ActionLogReader reader = new ActionLogReader(MovieLens.latestSmallRatingsFormat(), ReadMode.STRICT);
        ActionTable table = new ActionTable();
        double[] rates = new double[iterations];
        long events = 0;
        for (int it = -warmup; it < iterations; it++) {
            table.clear();
            long t0 = System.nanoTime();
            ReadReport report = reader.read(new ByteArrayInputStream(input), source, table);
            if (timelines) {
                Dataset.assemble("bench", table.itemCatalog(), table, MovieLens.ACTION_TYPES, MovieLens.SURFACES,
                        MovieLens.POSITIVE_TYPES, report);
            }
            long nanos = System.nanoTime() - t0;
            events = report.accepted();
            if (it >= 0) {
                rates[it] = events / (nanos / 1e9);
            }
        }
        Arrays.sort(rates);
        out.printf(Locale.ROOT, "%s: %,d events per iteration, %d iterations after %d warm-up, one thread%n",
                timelines ? "read + timelines" : "read", events, iterations, warmup);
        out.printf(Locale.ROOT, "events/s: median %,.0f, best %,.0f, worst %,.0f%n", rates[iterations / 2],
                rates[iterations - 1], rates[0]);
        out.flush();
        return 0;
    }

    private void positive(String name, int value) {
        if (value <= 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), name + " must be > 0, was " + value);
        }
    }

    /** The file's header once, then its data rows {@code n} times. */
    private static byte[] repeated(Path file, int n) {
        byte[] all;
        try {
            all = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new PinnerFormerException("cannot read " + file + ": the file does not exist", e);
        } catch (IOException e) {
            throw new PinnerFormerException(IoErrors.describe("cannot read " + file, e), e);
        }
        int bodyStart = 0;
        while (bodyStart < all.length && all[bodyStart] != '\n') {
            bodyStart++;
        }
        bodyStart = Math.min(bodyStart + 1, all.length);
        if (all.length == 0) {
            return all; // the reader says the file is empty
        }
        boolean newline = all[all.length - 1] == '\n';
        long size = all.length + 1L + (long) (n - 1) * (all.length - bodyStart + 1);
        if (size > Integer.MAX_VALUE - 8) {
            throw new PinnerFormerException("--repeat " + n + " would need " + size
                    + " bytes in memory, more than one array holds; use a smaller --repeat");
        }
        ByteArrayOutputStream buf = new ByteArrayOutputStream((int) size);
        buf.write(all, 0, all.length);
        if (!newline) {
            buf.write('\n');
        }
        for (int i = 1; i < n; i++) {
            buf.write(all, bodyStart, all.length - bodyStart);
            if (!newline) {
                buf.write('\n');
            }
        }
        return buf.toByteArray();
    }
}
