package org.pinnerformer.api;

import java.util.EnumSet;
import java.util.Set;
import org.pinnerformer.spi.AbstractBackendProvider;
import org.pinnerformer.spi.Backend;
import org.pinnerformer.spi.BackendOptions;
import org.pinnerformer.spi.Capability;

/** A provider for discovery tests: its engine "loads" or fails as told, and it counts loads. */
final class FakeProvider extends AbstractBackendProvider {
    private final String name;
    private final Set<Capability> capabilities;
    private final Throwable loadFailure;
    int loads;

    FakeProvider(String name, Set<Capability> capabilities, Throwable loadFailure) {
        this.name = name;
        this.capabilities = EnumSet.copyOf(capabilities);
        this.loadFailure = loadFailure;
    }

    static FakeProvider usable(String name, Capability... caps) {
        return new FakeProvider(name, caps.length == 0 ? EnumSet.noneOf(Capability.class) : EnumSet.of(caps[0], caps),
                null);
    }

    static FakeProvider failing(String name, Throwable failure, Capability... caps) {
        return new FakeProvider(name, EnumSet.of(caps[0], caps), failure);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Set<Capability> capabilities() {
        return capabilities;
    }

    @Override
    protected String load() throws Exception {
        loads++;
        if (loadFailure instanceof Exception e) {
            throw e;
        }
        if (loadFailure instanceof Error e) {
            throw e;
        }
        return "fake engine " + name + " 1.0";
    }

    @Override
    public Backend create(BackendOptions options) {
        throw new UnsupportedOperationException("fake provider " + name + " creates no backend");
    }
}
