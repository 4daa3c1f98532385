package org.pinnerformer.backend.onnx.export;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.pinnerformer.api.Checkpoint;
import org.pinnerformer.api.CheckpointException;
import org.pinnerformer.core.model.CheckpointValidator;
import org.pinnerformer.core.model.ModelParameters;
import org.pinnerformer.core.model.PinnerFormerGraphs;

/**
 * The ONNX models of a checkpoint's towers, from core's graphs ({@link PinnerFormerGraphs}), with dynamic batch and
 * sequence length. Inputs and outputs are named as in {@link org.pinnerformer.core.model.GraphNames}; the user
 * towers also take {@code seq_positions} [T] (int32, {@code T - 1 - t}) when the spec has position embeddings.
 */
public final class OnnxExport {
    /** File name of the full user tower: {@code user_embeddings} [B, T, D]. */
    public static final String USER_TOWER_FILE = "user_tower.onnx";
    /** File name of the newest-only user tower: {@code user_embedding} [B, D]. */
    public static final String USER_TOWER_NEWEST_FILE = "user_tower_newest.onnx";
    /** File name of the item tower: {@code item_embeddings} [N, D]. */
    public static final String ITEM_TOWER_FILE = "item_tower.onnx";

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
     * Writes {@value #USER_TOWER_NEWEST_FILE}, {@value #USER_TOWER_FILE} and {@value #ITEM_TOWER_FILE} into the
     * directory, creating it when missing.
     *
     * @return the three files, in that order
     * @throws CheckpointException naming the file when one cannot be written
     */
    public static List<Path> export(Checkpoint checkpoint, Path directory) {
        Objects.requireNonNull(checkpoint, "checkpoint");
        Objects.requireNonNull(directory, "directory");
        Path newest = directory.resolve(USER_TOWER_NEWEST_FILE);
        Path full = directory.resolve(USER_TOWER_FILE);
        Path items = directory.resolve(ITEM_TOWER_FILE);
        write(newest, userTowerNewest(checkpoint));
        write(full, userTower(checkpoint));
        write(items, itemTower(checkpoint));
        return List.of(newest, full, items);
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
