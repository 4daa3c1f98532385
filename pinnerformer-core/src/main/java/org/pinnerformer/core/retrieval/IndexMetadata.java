package org.pinnerformer.core.retrieval;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;
import org.pinnerformer.api.IoErrors;
import org.pinnerformer.api.PinnerFormerException;

/**
 * The small properties file that marks a directory as a complete item index: its kind, dimension, size and the
 * id of the model whose item tower computed the vectors ({@code modelId}). It is
 * written last (through a temporary file and a rename), so a directory whose build was interrupted has none.
 */
record IndexMetadata(String kind, int dimension, int size, Properties extra) {
    static final String FILE = "pinnerformer-index.properties";
    static final String EXACT = "exact";
    static final String HNSW = "hnsw";
    static final String MODEL_ID = "modelId";
    /** The model id an index written before model bundles (without {@code modelId}) reads as. */
    static final String UNKNOWN_MODEL = "unknown (an index written before model bundles)";

    /** Metadata of a new index of the model {@code modelId}. */
    static IndexMetadata of(String kind, int dimension, int size, String modelId, Properties extra) {
        java.util.Objects.requireNonNull(modelId, "modelId");
        if (modelId.isBlank()) {
            throw new IllegalArgumentException("modelId must not be blank");
        }
        Properties p = new Properties();
        p.putAll(extra);
        p.setProperty(MODEL_ID, modelId);
        return new IndexMetadata(kind, dimension, size, p);
    }

    /** The id of the model the index's vectors came from. */
    String modelId() {
        return extra.getProperty(MODEL_ID, UNKNOWN_MODEL);
    }

    void write(Path dir) {
        Properties p = new Properties();
        p.putAll(extra);
        p.setProperty("kind", kind);
        p.setProperty("dimension", Integer.toString(dimension));
        p.setProperty("size", Integer.toString(size));
        Path tmp = dir.resolve(FILE + ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(tmp)) {
                p.store(out, "PinnerFormer item index");
            }
            Files.move(tmp, dir.resolve(FILE), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new PinnerFormerException(IoErrors.describe("could not write the index metadata " + dir.resolve(FILE),
                    e), e);
        }
    }

    static IndexMetadata read(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new PinnerFormerException("the item index directory " + dir + " does not exist or is not a "
                    + "directory");
        }
        Path file = dir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            throw new PinnerFormerException(dir + " is not a complete item index: it has no " + FILE
                    + " (was its build interrupted?)");
        }
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            p.load(in);
        } catch (IOException | IllegalArgumentException e) {
            throw new PinnerFormerException("could not read the index metadata " + file + ": " + e, e);
        }
        String kind = p.getProperty("kind", "");
        if (!kind.equals(EXACT) && !kind.equals(HNSW)) {
            throw new PinnerFormerException(file + " names an unknown index kind '" + kind + "' (expected "
                    + EXACT + " or " + HNSW + ")");
        }
        return new IndexMetadata(kind, intProperty(p, file, "dimension"), intProperty(p, file, "size"), p);
    }

    int intProperty(Path dir, String name) {
        return intProperty(extra, dir.resolve(FILE), name);
    }

    private static int intProperty(Properties p, Path file, String name) {
        String v = p.getProperty(name);
        try {
            int value = Integer.parseInt(v == null ? "" : v.trim());
            if (value < 0) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new PinnerFormerException(file + " has an invalid " + name + " '" + v + "'", e);
        }
    }
}
