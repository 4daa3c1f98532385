package org.pinnerformer.bench;

import java.util.SplittableRandom;
import org.pinnerformer.api.Checkpoint;
import org.pinnerformer.api.ItemBatch;
import org.pinnerformer.api.ModelSpec;
import org.pinnerformer.api.Vocabulary;
import org.pinnerformer.model.ModelInitializer;
import org.pinnerformer.spi.Backend;
import org.pinnerformer.spi.ItemEncoder;

/**
 * The arithmetic rate of large matrix products on a backend, measured through the public SPI: the item tower of
 * a model {@code SIZE} wide ({@code Linear(SIZE -> SIZE) -> GELU -> Linear(SIZE -> SIZE) -> L2}) over
 * {@code ROWS} items is two {@code ROWS x SIZE x SIZE} matrix products plus element-wise work that is under 0.5% of
 * its FLOPs. The benchmarks put a model's achieved GFLOP/s next to this figure, measured in the same run.
 */
final class MatmulReference {
    static final int SIZE = 1024;
    static final int ROWS = 2048;

    private MatmulReference() {
    }

    /** GFLOP/s of the best of {@code rounds} timed runs after two warm-up runs. */
    static double gflops(Backend backend, int rounds) {
        ModelSpec spec = ModelSpec.builder().itemVectorSize(SIZE).hiddenSize(SIZE).outputSize(SIZE).layers(1)
                .heads(1).maxSequenceLength(1).actionEmbeddingSize(1).surfaceEmbeddingSize(1).timeFeatures(false)
                .durationFeature(false).positionEmbedding(false).itemIdHashBuckets(0).build();
        Checkpoint model = ModelInitializer.initialize(spec, Vocabulary.of("a"), Vocabulary.of("s"), 1);
        float[] vectors = new float[ROWS * SIZE];
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < vectors.length; i++) {
            vectors[i] = (float) random.nextGaussian();
        }
        ItemBatch items = new ItemBatch(ROWS, SIZE, vectors, new int[ROWS]);
        double flops = 2.0 * 2 * ROWS * (double) SIZE * SIZE;
        long best = Long.MAX_VALUE;
        try (ItemEncoder encoder = backend.itemEncoder(model)) {
            for (int r = -2; r < rounds; r++) {
                long t0 = System.nanoTime();
                encoder.encode(items);
                long t = System.nanoTime() - t0;
                if (r >= 0) {
                    best = Math.min(best, t);
                }
            }
        }
        return flops / (best / 1e9) / 1e9;
    }
}
