package org.pinnerformer.backend.onnx.export;

import java.nio.file.Path;
import java.util.List;
import org.pinnerformer.api.Checkpoint;
import org.pinnerformer.spi.ModelExporter;

/**
 * The {@code onnx} {@link ModelExporter}: writes the three tower files of {@link OnnxExport#export}. Needs no
 * native library (the ONNX files are written in plain Java).
 */
public final class OnnxModelExporter implements ModelExporter {
    /** The format name. */
    public static final String FORMAT = "onnx";

    /** A free constructor, as the service loader requires. */
    public OnnxModelExporter() {
    }

    @Override
    public String format() {
        return FORMAT;
    }

    /**
     * Writes {@code user_tower_newest.onnx}, {@code user_tower.onnx}, {@code item_tower.onnx} and their checksums
     * {@code SHA256SUMS} ({@code sha256sum} format), in that order.
     */
    @Override
    public List<Path> export(Checkpoint checkpoint, Path directory) {
        return OnnxExport.export(checkpoint, directory);
    }

    /** Checks the three models against {@code SHA256SUMS}. */
    @Override
    public void verify(Path directory) {
        OnnxExport.verify(directory);
    }
}
