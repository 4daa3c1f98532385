package org.pinnerformer.backend.onnx;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * ONNX Runtime 1.28.0 unpacks its two native libraries into a fresh {@code onnxruntime-java<random>} folder under
 * {@code java.io.tmpdir} and asks the JVM to delete the libraries at exit ({@code File.deleteOnExit}), but not the
 * folder: every process that loads it leaves one empty folder behind. This removes, when the JVM exits normally,
 * the folders that appeared while this process loaded ONNX Runtime, libraries and folder, provided that nothing in
 * them was written for {@link #QUIET} (another process unpacking into its own folder at that moment writes into it,
 * so its folder is never removed from under it). A killed JVM still leaves its folder with the libraries (about
 * 24 MB).
 */
final class OrtTempDirs {
    static final String PREFIX = "onnxruntime-java";
    static final Duration QUIET = Duration.ofSeconds(1);

    private OrtTempDirs() {
    }

    /** The names of the folders ONNX Runtime may have made, now. */
    static Set<String> list(Path tmp) {
        try (Stream<Path> s = Files.list(tmp)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(PREFIX))
                    .collect(Collectors.toSet());
        } catch (IOException | RuntimeException e) {
            return Set.of();
        }
    }

    /**
     * The folders that are not in {@code before}, hold only files, and in which nothing was written after
     * {@code now - QUIET}.
     */
    static List<Path> removable(Path tmp, Set<String> before, Set<String> after, Instant now) {
        Instant quietSince = now.minus(QUIET);
        List<Path> out = new ArrayList<>();
        for (String name : after) {
            Path dir = tmp.resolve(name);
            if (before.contains(name) || !Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            try (Stream<Path> entries = Files.list(dir)) {
                boolean quiet = Files.getLastModifiedTime(dir).toInstant().isBefore(quietSince);
                for (Path e : (Iterable<Path>) entries::iterator) {
                    quiet &= Files.isRegularFile(e, LinkOption.NOFOLLOW_LINKS)
                            && Files.getLastModifiedTime(e).toInstant().isBefore(quietSince);
                }
                if (quiet) {
                    out.add(dir);
                }
            } catch (IOException | RuntimeException e) {
                // not ours to judge
            }
        }
        return out;
    }

    /** Registers the removal, at exit, of the {@link #removable} folders of {@code after}. */
    static void removeAtExit(Path tmp, Set<String> before, Set<String> after) {
        if (after.equals(before)) {
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            for (Path dir : removable(tmp, before, after, Instant.now())) {
                try (Stream<Path> entries = Files.list(dir)) {
                    for (Path e : (Iterable<Path>) entries::iterator) {
                        Files.deleteIfExists(e); // the loaded libraries stay mapped
                    }
                    Files.deleteIfExists(dir);
                } catch (IOException | RuntimeException e) {
                    // left behind, as without this hook
                }
            }
        }, "pinnerformer-onnx-tmp-cleanup"));
    }
}
