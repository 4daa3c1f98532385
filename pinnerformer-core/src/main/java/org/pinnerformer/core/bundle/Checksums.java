package org.pinnerformer.core.bundle;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.pinnerformer.api.CheckpointException;

/** The {@code SHA256SUMS} file of a bundle, in the format {@code sha256sum -c} checks. */
final class Checksums {
    static final String FILE = "SHA256SUMS";

    private Checksums() {
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    static String hex(byte[] digest) {
        return HexFormat.of().formatHex(digest);
    }

    static String sha256(byte[] bytes) {
        return hex(sha256().digest(bytes));
    }

    static String sha256(Path file) throws IOException {
        MessageDigest md = sha256();
        byte[] buf = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buf)) > 0;) {
                md.update(buf, 0, n);
            }
        }
        return hex(md.digest());
    }

    /** The file's text: one {@code <hex>  <name>} line per entry, in the given order. */
    static String format(Map<String, String> sums) {
        StringBuilder b = new StringBuilder();
        sums.forEach((name, sum) -> b.append(sum).append("  ").append(name).append('\n'));
        return b.toString();
    }

    /**
     * Reads {@code dir/SHA256SUMS} and checks every file it names.
     *
     * @return the sums by file name, in file order
     * @throws CheckpointException naming the bundle and the file that is missing or damaged
     */
    static Map<String, String> verify(Path dir, Iterable<String> required) {
        Path file = dir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            throw new CheckpointException(dir + " is not a model bundle: it has no " + FILE
                    + " (write bundles with `pinnerformer train --out DIR` or ModelBundle.write)");
        }
        Map<String, String> sums = new LinkedHashMap<>();
        try {
            int line = 0;
            for (String l : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                line++;
                if (l.isBlank()) {
                    continue;
                }
                int sep = l.indexOf("  ");
                String sum = sep == 64 ? l.substring(0, 64) : "";
                if (!sum.matches("[0-9a-f]{64}") || l.length() <= 66) {
                    throw new CheckpointException("the model bundle " + dir + " is damaged: " + FILE + ", line "
                            + line + " is not '<sha256>  <file>'");
                }
                sums.put(l.substring(66), sum);
            }
            for (String name : required) {
                if (!sums.containsKey(name)) {
                    throw new CheckpointException("the model bundle " + dir + " is damaged: " + FILE
                            + " has no checksum for " + name);
                }
            }
            for (Map.Entry<String, String> e : sums.entrySet()) {
                Path f = dir.resolve(e.getKey());
                if (!f.normalize().startsWith(dir.normalize()) || !Files.isRegularFile(f)) {
                    throw new CheckpointException("the model bundle " + dir + " is damaged: " + e.getKey()
                            + " is missing");
                }
                String actual = sha256(f);
                if (!actual.equals(e.getValue())) {
                    throw new CheckpointException("the model bundle " + dir + " is damaged: " + e.getKey()
                            + " has SHA-256 " + actual + " but " + FILE + " records " + e.getValue()
                            + " (a truncated copy or a changed file); copy the bundle again");
                }
            }
        } catch (IOException e) {
            throw new CheckpointException("could not read the model bundle " + dir + ": " + e, e);
        }
        return sums;
    }
}
