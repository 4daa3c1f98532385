package org.pinnerformer.cli;

import java.util.EnumSet;
import java.util.Set;
import org.pinnerformer.api.Backends;
import org.pinnerformer.api.Checkpoint;
import org.pinnerformer.api.TrainingBatch;
import org.pinnerformer.api.objective.TrainingOptions;
import org.pinnerformer.model.ModelInitializer;
import org.pinnerformer.spi.AbstractBackendProvider;
import org.pinnerformer.spi.Backend;
import org.pinnerformer.spi.BackendOptions;
import org.pinnerformer.spi.Capability;
import org.pinnerformer.spi.ItemEncoder;
import org.pinnerformer.spi.Trainer;
import org.pinnerformer.spi.UserEncoder;

/**
 * A TRAIN + INFER provider for CLI tests, wired in by hand (tests pass it to the commands; it is registered
 * nowhere): its trainer does not learn - after step s the checkpoint is a fresh model from seed
 * {@code seed + s} and the loss is {@code 1 / s} - and it encodes with the java backend.
 */
final class FakeTrainProvider extends AbstractBackendProvider {
    @Override
    public String name() {
        return "fake";
    }

    @Override
    public Set<Capability> capabilities() {
        return EnumSet.of(Capability.TRAIN, Capability.INFER);
    }

    @Override
    protected String load() {
        return "fake trainer 1.0";
    }

    @Override
    public Backend create(BackendOptions options) {
        Backend java = Backends.discover().create("java", options, Capability.INFER);
        return new Backend() {
            @Override
            public String name() {
                return "fake";
            }

            @Override
            public Set<Capability> capabilities() {
                return EnumSet.of(Capability.TRAIN, Capability.INFER);
            }

            @Override
            public Trainer trainer(Checkpoint initial, TrainingOptions training) {
                return new Trainer() {
                    private long steps;

                    @Override
                    public float step(TrainingBatch batch) {
                        return 1f / ++steps;
                    }

                    @Override
                    public long steps() {
                        return steps;
                    }

                    @Override
                    public Checkpoint checkpoint() {
                        return ModelInitializer.initialize(initial.spec(), initial.actionTypes(), initial.surfaces(),
                                training.seed() + steps);
                    }

                    @Override
                    public void close() {
                    }
                };
            }

            @Override
            public UserEncoder userEncoder(Checkpoint checkpoint) {
                return java.userEncoder(checkpoint);
            }

            @Override
            public ItemEncoder itemEncoder(Checkpoint checkpoint) {
                return java.itemEncoder(checkpoint);
            }

            @Override
            public void close() {
                java.close();
            }
        };
    }
}
