package org.pinnerformer.model;

import java.util.SplittableRandom;
import org.pinnerformer.api.Checkpoint;
import org.pinnerformer.api.ModelSpec;
import org.pinnerformer.api.SequenceBatch;

/**
 * Hand-run throughput check of the interpreter's newest-only user tower (not a test):
 * {@code java -cp pinnerformer-core/target/classes:pinnerformer-core/target/test-classes:pinnerformer-api/target/classes
 * org.pinnerformer.model.InterpreterBench [threads] [batch] [length] [rounds]}.
 */
final class InterpreterBench {
    private InterpreterBench() {
    }

    public static void main(String[] args) {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 1;
        int batch = args.length > 1 ? Integer.parseInt(args[1]) : 256;
        int t = args.length > 2 ? Integer.parseInt(args[2]) : 64;
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 5;
        ModelSpec spec = ModelSpec.smallPreset();
        Checkpoint ck = ModelInitializer.initialize(spec, Fixtures.ACTIONS, Fixtures.SURFACES, 1);
        SplittableRandom r = new SplittableRandom(2);
        Fixtures.Actions[] seqs = new Fixtures.Actions[batch];
        for (int i = 0; i < batch; i++) {
            seqs[i] = Fixtures.randomActions(spec, t, r);
        }
        SequenceBatch b = Fixtures.batch(spec, t, seqs);
        GraphInterpreter interpreter = new GraphInterpreter(PinnerFormerGraphs.userTowerNewest(ModelParameters.of(ck)),
                ck.tensors());
        interpreter.run(ModelInputs.sequences(spec, b), threads); // warm-up
        for (int k = 0; k < rounds; k++) {
            long start = System.nanoTime();
            interpreter.run(ModelInputs.sequences(spec, b), threads);
            double s = (System.nanoTime() - start) / 1e9;
            System.out.printf("round %d: %.2f s, %.1f users/s (B=%d, T=%d, threads=%d)%n", k, s, batch / s, batch, t,
                    threads);
        }
    }
}
