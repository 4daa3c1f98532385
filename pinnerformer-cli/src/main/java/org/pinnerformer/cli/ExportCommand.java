package org.pinnerformer.cli;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.pinnerformer.api.PinnerFormerException;
import org.pinnerformer.core.bundle.ModelBundle;
import org.pinnerformer.spi.ModelExporter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code pinnerformer export}: writes a model bundle's towers in a serving format through the
 * {@link ModelExporter} registered for it (the {@code onnx} backend registers {@code onnx}). The bundle is verified
 * first; its model id is printed so the exported files can be traced back to it.
 */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Write a checkpoint's user and item towers in a serving format (ONNX) that other runtimes load.")
final class ExportCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--model", paramLabel = "BUNDLE", required = true,
            description = "The model bundle (written by `train`) to export.")
    private Path model;

    @Option(names = "--format", paramLabel = "NAME", defaultValue = "onnx",
            description = "Serving format (default: ${DEFAULT-VALUE}).")
    private String format;

    @Option(names = "--out", paramLabel = "DIR", required = true,
            description = "Directory for the exported files (created when missing; files of the same names are"
                    + " replaced).")
    private Path out;

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!Outputs.folder(err, "--out", out)) {
            return 1;
        }
        try {
            ModelExporter exporter = ModelExporter.find(format).orElseThrow(() -> new IllegalArgumentException(
                    "no exporter for format '" + format + "'; formats available: " + available()));
            ModelBundle bundle = ModelBundle.open(model);
            List<Path> files = exporter.export(bundle.checkpoint(), out);
            stdout.printf(Locale.ROOT, "model %s%n", bundle.modelId());
            for (Path f : files) {
                stdout.printf(Locale.ROOT, "wrote %s (%,d bytes)%n", f, Files.size(f));
            }
            stdout.flush();
            return 0;
        } catch (PinnerFormerException | IllegalArgumentException | UncheckedIOException e) {
            return Commands.fail(err, e);
        } catch (java.io.IOException e) {
            return Commands.fail(err, new UncheckedIOException("could not read the size of an exported file", e));
        }
    }

    private static String available() {
        String names = ModelExporter.discover().stream().map(ModelExporter::format).sorted()
                .collect(Collectors.joining(", "));
        return names.isEmpty() ? "none (add pinnerformer-backend-onnx to the class path)" : names;
    }
}
