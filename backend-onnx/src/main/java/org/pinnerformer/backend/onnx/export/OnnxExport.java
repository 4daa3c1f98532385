package org.pinnerformer.backend.onnx.export;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.pinnerformer.api.Checkpoint;
import org.pinnerformer.api.CheckpointException;
import org.pinnerformer.model.CheckpointValidator;
import org.pinnerformer.model.ModelParameters;
import org.pinnerformer.model.PinnerFormerGraphs;

/**
 * The ONNX models of a checkpoint's towers, from core's graphs ({@link PinnerFormerGraphs}), with dynamic batch and
 * sequence length. Inputs and outputs are named as in {@link org.pinnerformer.model.GraphNames}; the user
 * towers also take {@code seq_positions} [T] (int32, {@code T - 1 - t}) when the spec has position embeddings.
 */
public final class OnnxExport {
    /** File name of the full user tower: {@code user_embeddings} [B, T, D]. */
    public static final String USER_TOWER_FILE = "user_tower.onnx";
    /** File name of the newest-only user tower: {@code user_embedding} [B, D]. */
    public static final String USER_TOWER_NEWEST_FILE = "user_tower_newest.onnx";
    /** File name of the item tower: {@code item_embeddings} [N, D]. */
    public static final String ITEM_TOWER_FILE = "item_tower.onnx";
    /**
     * File name of the checksums: one line per model, {@code <lower-case hex SHA-256><two spaces><file name>}, the
     * format of coreutils' {@code sha256sum}, so {@code sha256sum -c SHA256SUMS} verifies the files too.
     */
    public static final String CHECKSUM_FILE = "SHA256SUMS";

    private OnnxExport() {
    }

    /** The full user tower. */
    public static byte[] userTower(Checkpoint checkpoint) {
        return OnnxLowering.toOnnx(PinnerFormerGraphs.userTower(validParameters(checkpoint)), checkpoint.tensors(),
                "user_tower");
    }

    /** The newest-only user tower (batch inference). */
    public static byte[] userTowerNewest(Checkpoint checkpoint) {
        return OnnxLowering.toOnnx(PinnerFormerGraphs.userTowerNewest(validParameters(checkpoint)),
                checkpoint.tensors(), "user_tower_newest");
    }

    /** The item tower. */
    public static byte[] itemTower(Checkpoint checkpoint) {
        return OnnxLowering.toOnnx(PinnerFormerGraphs.itemTower(validParameters(checkpoint)), checkpoint.tensors(),
                "item_tower");
    }

    private static ModelParameters validParameters(Checkpoint checkpoint) {
        Objects.requireNonNull(checkpoint, "checkpoint");
        CheckpointValidator.validate(checkpoint);
        return ModelParameters.of(checkpoint);
    }

    /**
     * Writes {@value #USER_TOWER_NEWEST_FILE}, {@value #USER_TOWER_FILE}, {@value #ITEM_TOWER_FILE} and their
     * checksums {@value #CHECKSUM_FILE} into the directory, creating it when missing.
     *
     * @return the four files, in that order
     * @throws CheckpointException naming the file when one cannot be written
     */
    public static List<Path> export(Checkpoint checkpoint, Path directory) {
        Objects.requireNonNull(checkpoint, "checkpoint");
        Objects.requireNonNull(directory, "directory");
        Path newest = directory.resolve(USER_TOWER_NEWEST_FILE);
        Path full = directory.resolve(USER_TOWER_FILE);
        Path items = directory.resolve(ITEM_TOWER_FILE);
        StringBuilder sums = new StringBuilder();
        for (Object[] model : new Object[][] {{newest, userTowerNewest(checkpoint)}, {full, userTower(checkpoint)},
            {items, itemTower(checkpoint)}}) {
            Path file = (Path) model[0];
            byte[] bytes = (byte[]) model[1];
            write(file, bytes);
            sums.append(sha256(bytes)).append("  ").append(file.getFileName()).append('\n');
        }
        Path checksums = directory.resolve(CHECKSUM_FILE);
        write(checksums, sums.toString().getBytes(StandardCharsets.US_ASCII));
        return List.of(newest, full, items, checksums);
    }

    /**
     * Checks the files {@link #export} wrote into {@code directory} against its {@value #CHECKSUM_FILE}.
     *
     * @throws CheckpointException naming the file when the checksum file or a model is missing, or a model is
     *     truncated or altered
     */
    public static void verify(Path directory) {
        Objects.requireNonNull(directory, "directory");
        Path checksums = directory.resolve(CHECKSUM_FILE);
        Map<String, String> expected = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(checksums, StandardCharsets.US_ASCII)) {
                int gap = line.indexOf("  ");
                if (gap != 64 || !line.substring(0, 64).matches("[0-9a-f]{64}")) {
                    throw new CheckpointException("the checksum file " + checksums + " is damaged: the line '" + line
                            + "' is not '<64 hex digits>  <file name>'");
                }
                expected.put(line.substring(66), line.substring(0, 64));
            }
        } catch (NoSuchFileException e) {
            throw new CheckpointException("the ONNX export in " + directory + " has no " + CHECKSUM_FILE
                    + "; export it again", e);
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new CheckpointException("could not read the checksum file " + checksums + ": " + e.getMessage(), e);
        }
        for (String name : List.of(USER_TOWER_NEWEST_FILE, USER_TOWER_FILE, ITEM_TOWER_FILE)) {
            Path file = directory.resolve(name);
            String want = expected.get(name);
            if (want == null) {
                throw new CheckpointException("the checksum file " + checksums + " has no line for " + name);
            }
            String have;
            try {
                have = sha256(Files.readAllBytes(file));
            } catch (NoSuchFileException e) {
                throw new CheckpointException("the ONNX model " + file + " is missing", e);
            } catch (IOException e) {
                throw new CheckpointException("could not read the ONNX model " + file + ": " + e.getMessage(), e);
            }
            if (!have.equals(want)) {
                throw new CheckpointException("the ONNX model " + file + " fails its checksum (SHA-256 " + have + ", "
                        + CHECKSUM_FILE + " says " + want + "): the file is truncated or corrupted; export it again");
            }
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }

    private static void write(Path file, byte[] model) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.write(file, model);
        } catch (IOException e) {
            throw new CheckpointException("could not write the ONNX model " + file + " (" + model.length + " bytes): "
                    + e.getMessage(), e);
        }
    }
}
