package org.pinnerformer.core.platform;

import java.util.Set;
import org.pinnerformer.api.Checkpoint;
import org.pinnerformer.api.TrainingBatch;
import org.pinnerformer.api.objective.TrainingOptions;
import org.pinnerformer.core.backend.JavaBackendProvider;
import org.pinnerformer.model.ModelInitializer;
import org.pinnerformer.spi.Backend;
import org.pinnerformer.spi.BackendOptions;
import org.pinnerformer.spi.BackendProvider;
import org.pinnerformer.spi.Capability;
import org.pinnerformer.spi.ItemEncoder;
import org.pinnerformer.spi.Probe;
import org.pinnerformer.spi.Trainer;
import org.pinnerformer.spi.UserEncoder;

/**
 * A provider named "trainer" whose trainer does not learn (after step s its checkpoint is a fresh model from seed
 * {@code seed + s}) and whose encoders are the java backend's: core has no backend that trains.
 */
final class FakeTrainingProvider implements BackendProvider {
    @Override
    public String name() {
        return "trainer";
    }

    @Override
    public Set<Capability> capabilities() {
        return Set.of(Capability.TRAIN, Capability.INFER);
    }

    @Override
    public Probe probe() {
        return Probe.usable("a fake trainer for tests");
    }

    @Override
    public Backend create(BackendOptions options) {
        Backend java = new JavaBackendProvider().create(BackendOptions.defaults().withThreads(1));
        return new Backend() {
            @Override
            public String name() {
                return "trainer";
            }

            @Override
            public Set<Capability> capabilities() {
                return Set.of(Capability.TRAIN, Capability.INFER);
            }

            @Override
            public Trainer trainer(Checkpoint initial, TrainingOptions training) {
                return new Trainer() {
                    private long steps;

                    @Override
                    public float step(TrainingBatch batch) {
                        steps++;
                        return 1f / steps;
                    }

                    @Override
                    public long steps() {
                        return steps;
                    }

                    @Override
                    public Checkpoint checkpoint() {
                        return steps == 0 ? initial : ModelInitializer.initialize(initial.spec(),
                                initial.actionTypes(), initial.surfaces(), training.seed() + steps);
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
