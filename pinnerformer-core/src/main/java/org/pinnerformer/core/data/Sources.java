package org.pinnerformer.core.data;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.pinnerformer.api.IoErrors;
import org.pinnerformer.api.PinnerFormerException;

/** Opening input files with errors that say which file and what to do. */
final class Sources {
    private Sources() {
    }

    /**
     * Opens a file for reading.
     *
     * @throws PinnerFormerException when it does not exist, is a directory, or cannot be opened
     */
    static InputStream open(Path file) {
        if (Files.isDirectory(file)) {
            throw new PinnerFormerException("cannot read " + file + ": it is a directory, not a file");
        }
        try {
            return Files.newInputStream(file);
        } catch (NoSuchFileException e) {
            throw new PinnerFormerException("cannot read " + file + ": the file does not exist", e);
        } catch (AccessDeniedException e) {
            throw new PinnerFormerException("cannot read " + file + ": permission denied", e);
        } catch (IOException e) {
            throw new PinnerFormerException(IoErrors.describe("cannot read " + file, e), e);
        }
    }

    /** Opens a file for reading with a buffer, for readers that read a few bytes at a time. */
    static InputStream openBuffered(Path file) {
        return new BufferedInputStream(open(file), 1 << 16);
    }

    /** The exception for a failure to close a file that was read. */
    static PinnerFormerException closeFailed(Path file, IOException e) {
        return new PinnerFormerException("could not close " + file + " after reading it: " + e, e);
    }
}
