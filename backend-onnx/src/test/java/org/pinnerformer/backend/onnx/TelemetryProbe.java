package org.pinnerformer.backend.onnx;

import java.nio.file.Path;
import java.util.SplittableRandom;
import org.pinnerformer.api.Checkpoint;
import org.pinnerformer.api.InferenceBatch;
import org.pinnerformer.api.ModelSpec;
import org.pinnerformer.model.ModelInitializer;
import org.pinnerformer.spi.Backend;
import org.pinnerformer.spi.BackendOptions;
import org.pinnerformer.spi.ItemEncoder;
import org.pinnerformer.spi.ModelExporter;
import org.pinnerformer.spi.UserEncoder;

/**
 * The program {@link TelemetryTest} forks: discovers the {@code onnx} backend and exporter the way a library user
 * does, encodes users and items, and exports the towers into {@code args[0]}.
 */
public final class TelemetryProbe {
    private TelemetryProbe() {
    }

    /** Runs the probe; prints {@code encoded} and {@code exported} on success. */
    public static void main(String[] args) {
        ModelSpec spec = ModelSpec.builder().itemVectorSize(4).hiddenSize(8).layers(1).heads(2).maxSequenceLength(6)
                .outputSize(3).actionEmbeddingSize(2).surfaceEmbeddingSize(2).build();
        Checkpoint ck = ModelInitializer.initialize(spec, Batches.ACTIONS, Batches.SURFACES, 1);
        SplittableRandom r = new SplittableRandom(1);
        try (Backend backend = org.pinnerformer.api.Backends.discover().select("onnx",
                org.pinnerformer.spi.Capability.INFER).create(BackendOptions.defaults());
                UserEncoder users = backend.userEncoder(ck);
                ItemEncoder items = backend.itemEncoder(ck)) {
            float[] u = users.encode(new InferenceBatch(Batches.sequences(spec, 2, 5, new int[] {5, 2}, r),
                    new long[] {1, 2}));
            float[] i = items.encode(Batches.items(spec, 3, r));
            System.out.println("encoded " + u.length + " " + i.length);
        }
        System.out.println("exported " + ModelExporter.find("onnx").orElseThrow().export(ck, Path.of(args[0])));
    }
}
