package org.pinnerformer.backend.onnx;

import java.util.SplittableRandom;
import org.pinnerformer.api.Checkpoint;
import org.pinnerformer.api.InferenceBatch;
import org.pinnerformer.api.ModelSpec;
import org.pinnerformer.model.ModelInitializer;
import org.pinnerformer.spi.Backend;
import org.pinnerformer.spi.BackendOptions;
import org.pinnerformer.spi.UserEncoder;

/**
 * Hand-run throughput check of the ONNX newest-only user encoder at {@link ModelSpec#smallPreset()} (not a test):
 * {@code java -cp <test class path> org.pinnerformer.backend.onnx.OnnxBench [threads] [batch] [length] [rounds]}.
 */
final class OnnxBench {
    private OnnxBench() {
    }

    public static void main(String[] args) {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 1;
        int batch = args.length > 1 ? Integer.parseInt(args[1]) : 256;
        int t = args.length > 2 ? Integer.parseInt(args[2]) : 64;
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 10;
        ModelSpec spec = ModelSpec.smallPreset();
        Checkpoint ck = ModelInitializer.initialize(spec, Batches.ACTIONS, Batches.SURFACES, 1);
        InferenceBatch in = new InferenceBatch(Batches.sequences(spec, batch, t, new int[] {t},
                new SplittableRandom(2)), new long[batch]);
        try (Backend backend = new OnnxBackendProvider().create(BackendOptions.defaults().withThreads(threads));
                UserEncoder users = backend.userEncoder(ck)) {
            users.encode(in);
            users.encode(in);
            double best = Double.MAX_VALUE;
            long start = System.nanoTime();
            for (int k = 0; k < rounds; k++) {
                long s = System.nanoTime();
                users.encode(in);
                best = Math.min(best, (System.nanoTime() - s) / 1e9);
            }
            double mean = (System.nanoTime() - start) / 1e9 / rounds;
            System.out.printf("onnx newest-only: %.1f users/s mean, %.1f users/s best (B=%d, T=%d, threads=%d, "
                    + "%d rounds)%n", batch / mean, batch / best, batch, t, threads, rounds);
        }
    }
}
