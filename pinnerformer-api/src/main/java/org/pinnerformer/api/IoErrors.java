package org.pinnerformer.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;
import java.util.Objects;

/**
 * Sentences for I/O errors that keep their cause. The JDK reports some errors by type alone: an
 * {@link AccessDeniedException}'s message is just the path, so "cannot write X: X" would hide that permission was
 * denied. {@link #reason} names it ("permission denied", "no such file or directory", "not a directory"); errors
 * the JDK words itself keep that wording ("no space left on device", "read-only file system").
 */
public final class IoErrors {
    private IoErrors() {
    }

    /** What went wrong, in lower-case words, without the path. */
    public static String reason(IOException e) {
        Objects.requireNonNull(e, "e");
        if (e instanceof FileSystemException f && f.getReason() != null && !f.getReason().isBlank()) {
            return lowerFirst(f.getReason());
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof FileAlreadyExistsException) {
            return "it already exists";
        }
        if (e instanceof NotDirectoryException) {
            return "not a directory";
        }
        if (e instanceof DirectoryNotEmptyException) {
            return "the directory is not empty";
        }
        if (e instanceof FileSystemException) {
            return e.getClass().getSimpleName();
        }
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : lowerFirst(m);
    }

    /**
     * {@code what + ": " + reason}, followed by the file the error names when {@code what} does not already name it:
     * "cannot write checkpoint /m/x.safetensors: permission denied (/m/.x.tmp)".
     */
    public static String describe(String what, IOException e) {
        Objects.requireNonNull(what, "what");
        StringBuilder sb = new StringBuilder(what).append(": ").append(reason(e));
        if (e instanceof FileSystemException f && f.getFile() != null && !what.contains(f.getFile())) {
            sb.append(" (").append(f.getFile());
            if (f.getOtherFile() != null) {
                sb.append(" -> ").append(f.getOtherFile());
            }
            sb.append(')');
        }
        return sb.toString();
    }

    /** An {@link UncheckedIOException} with the message {@link #describe(String, IOException)} and the cause. */
    public static UncheckedIOException unchecked(String what, IOException e) {
        return new UncheckedIOException(describe(what, e), e);
    }

    /**
     * {@link Files#createDirectories}, except that a path (or an ancestor) that exists as a file fails with a
     * {@link NotDirectoryException} naming it, which {@link #reason} words as "not a directory", instead of a
     * {@link FileAlreadyExistsException}.
     */
    public static void createDirectories(Path dir) throws IOException {
        try {
            Files.createDirectories(dir);
        } catch (FileAlreadyExistsException e) {
            throw (IOException) new NotDirectoryException(e.getFile() == null ? dir.toString() : e.getFile())
                    .initCause(e);
        }
    }

    /**
     * Creates a temporary file in {@code dir} for an atomic write (written, then renamed over the target), with the
     * permissions any new file gets (read-write for everyone, less the umask: 0644 under the usual 022) where the
     * file system has POSIX permissions, not the owner-only ones of {@link Files#createTempFile}, because the
     * temporary file becomes the published one.
     */
    public static Path createTempFileForRename(Path dir, String prefix, String suffix) throws IOException {
        if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return Files.createTempFile(dir, prefix, suffix,
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-rw-rw-")));
        }
        return Files.createTempFile(dir, prefix, suffix);
    }

    private static String lowerFirst(String s) {
        if (s.length() > 1 && Character.isUpperCase(s.charAt(0)) && Character.isLowerCase(s.charAt(1))) {
            return s.substring(0, 1).toLowerCase(Locale.ROOT) + s.substring(1);
        }
        return s;
    }
}
