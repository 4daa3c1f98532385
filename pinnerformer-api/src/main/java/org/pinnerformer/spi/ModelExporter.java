package org.pinnerformer.spi;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import org.pinnerformer.api.Checkpoint;

/**
 * Writes a checkpoint's towers in a serving format that other runtimes load (ONNX, ...). Backend modules export
 * no packages, so this service interface is how a caller (the CLI's {@code export} command) reaches a backend's
 * exporter: registered like {@link BackendProvider}, with {@code provides} in the backend's module-info and the
 * same class in {@code META-INF/services}; its public no-argument constructor loads nothing native.
 */
public interface ModelExporter {

    /** The format name, lower case ({@code onnx}). */
    String format();

    /**
     * Writes the checkpoint's towers into {@code directory} (created when missing), replacing files of the same
     * names.
     *
     * @return the files written, in a documented order
     * @throws org.pinnerformer.api.PinnerFormerException if the checkpoint is invalid or a file cannot be written
     */
    List<Path> export(Checkpoint checkpoint, Path directory);

    /**
     * Checks that the files {@link #export} wrote into {@code directory} are all there and unaltered (the
     * {@code onnx} exporter compares them with the SHA-256 checksums it records next to them).
     *
     * @throws org.pinnerformer.api.PinnerFormerException naming the file when one is missing, truncated or altered
     * @throws UnsupportedOperationException when this exporter records nothing to verify against
     */
    default void verify(Path directory) {
        throw new UnsupportedOperationException("the '" + format() + "' exporter records no checksums to verify");
    }

    /**
     * The exporters registered with {@link ServiceLoader}; one that cannot be instantiated is left out.
     *
     * @return the exporters found, in discovery order
     */
    static List<ModelExporter> discover() {
        List<ModelExporter> out = new ArrayList<>();
        Iterator<ModelExporter> it = ServiceLoader.load(ModelExporter.class).iterator();
        while (true) {
            try {
                if (!it.hasNext()) {
                    return List.copyOf(out);
                }
                out.add(it.next());
            } catch (ServiceConfigurationError | LinkageError e) {
                // one broken exporter never stops discovery
            }
        }
    }

    /** The registered exporter of that format, or empty. */
    static Optional<ModelExporter> find(String format) {
        Objects.requireNonNull(format, "format");
        return discover().stream().filter(e -> e.format().equals(format)).findFirst();
    }
}
