package org.pinnerformer.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.pinnerformer.api.IoErrors;

/**
 * Checks output locations before any work, so that a command does not fail on its output after an hour of training:
 * the path is not a folder where a file is needed (or a file where a folder is), and a file can be created in its
 * nearest existing folder (a probe file is created and deleted there; nothing else is made). Each check prints
 * {@code error: <sentence>} and returns false when the location cannot be used.
 */
final class Outputs {
    private Outputs() {
    }

    /** A folder to write into, such as {@code quickstart --out DIR}; it may not exist yet. */
    static boolean folder(PrintWriter err, String option, Path dir) {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            return fail(err, "cannot write " + option + " " + dir + ": it is a file, not a directory");
        }
        return writableFolder(err, option, dir, dir.toAbsolutePath());
    }

    /** A folder that must be new or empty, such as the model bundle of {@code train --out DIR}. */
    static boolean newFolder(PrintWriter err, String option, Path dir) {
        if (!folder(err, option, dir)) {
            return false;
        }
        if (Files.isDirectory(dir) && !isEmpty(dir)) {
            return fail(err, "cannot write " + option + " " + dir + ": the directory is not empty; choose a new or "
                    + "empty directory");
        }
        return true;
    }

    /**
     * A folder for a model bundle that a rerun may replace, such as {@code quickstart}'s {@code OUT/model}: new,
     * empty, or a bundle (only the four bundle files), never anything else.
     */
    static boolean bundleFolder(PrintWriter err, String option, Path dir) {
        if (!folder(err, option, dir)) {
            return false;
        }
        if (Files.isDirectory(dir) && !isEmpty(dir) && !isBundle(dir)) {
            return fail(err, "cannot write " + option + " " + dir + ": the directory holds files that are not a model "
                    + "bundle; choose a new or empty directory");
        }
        return true;
    }

    /** Deletes the model bundle in {@code dir} that {@link #bundleFolder} accepted, so a rerun can write anew. */
    static void clearBundle(Path dir) throws IOException {
        if (Files.isDirectory(dir) && isBundle(dir)) {
            for (String name : BUNDLE_FILES) {
                Files.deleteIfExists(dir.resolve(name));
            }
        }
    }

    private static final java.util.Set<String> BUNDLE_FILES = java.util.Set.of("model.safetensors",
            "items.safetensors", "model.json", "SHA256SUMS");

    private static boolean isBundle(Path dir) {
        try (java.util.stream.Stream<Path> files = Files.list(dir)) {
            return files.allMatch(f -> BUNDLE_FILES.contains(f.getFileName().toString()));
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean isEmpty(Path dir) {
        try (java.util.stream.Stream<Path> files = Files.list(dir)) {
            return files.findAny().isEmpty();
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean writableFolder(PrintWriter err, String option, Path out, Path folder) {
        Path existing = folder;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return true;
        }
        if (!Files.isDirectory(existing)) {
            return fail(err, "cannot write " + option + " " + out + ": " + existing + " is a file, not a directory");
        }
        try {
            Files.delete(Files.createTempFile(existing, ".pinnerformer-probe", ".tmp"));
            return true;
        } catch (IOException e) {
            return fail(err, "cannot write " + option + " " + out + ": cannot create a file in " + existing + ": "
                    + IoErrors.reason(e));
        }
    }

    private static boolean fail(PrintWriter err, String message) {
        err.println("error: " + message);
        err.flush();
        return false;
    }
}
