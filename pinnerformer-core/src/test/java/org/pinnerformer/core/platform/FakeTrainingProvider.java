package org.pinnerformer.core.platform;

import java.util.Set;
import org.pinnerformer.core.pipeline.PipelineFixtures;
import org.pinnerformer.spi.Backend;
import org.pinnerformer.spi.BackendOptions;
import org.pinnerformer.spi.BackendProvider;
import org.pinnerformer.spi.Capability;
import org.pinnerformer.spi.Probe;

/**
 * A provider named "trainer" of {@link PipelineFixtures.FakeTrainingBackend} (a trainer that does not learn, encoders
 * of the java backend): core has no backend that trains.
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
        return new PipelineFixtures.FakeTrainingBackend();
    }
}
