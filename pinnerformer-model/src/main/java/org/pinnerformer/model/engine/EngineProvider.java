package org.pinnerformer.model.engine;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import org.pinnerformer.api.BackendException;
import org.pinnerformer.spi.AbstractBackendProvider;
import org.pinnerformer.spi.Backend;
import org.pinnerformer.spi.BackendOptions;
import org.pinnerformer.spi.Capability;
import org.pinnerformer.spi.Probe;

/**
 * The provider of a backend made from an {@link Engine}: a subclass names the backend and says what it can do (in
 * its constructor), loads
 * its natives in {@link #load()} (run once by {@link #probe()}, which caches the outcome) and starts an engine in
 * {@link #open}. {@link #create} is the same for every backend: it refuses with the probe's sentence when the
 * engine could not load, and wraps the engine in the one {@link Backend} implementation.
 */
public abstract class EngineProvider extends AbstractBackendProvider {

    private final String name;
    private final Set<Capability> capabilities;

    /**
     * A free constructor: nothing is loaded until {@link #probe()}.
     *
     * @param name the backend's short stable name, lower case
     * @param capabilities what its backends can do when the probe says they are usable
     */
    protected EngineProvider(String name, Capability... capabilities) {
        this.name = Objects.requireNonNull(name, "name");
        Set<Capability> c = EnumSet.noneOf(Capability.class);
        c.addAll(Arrays.asList(capabilities));
        this.capabilities = Collections.unmodifiableSet(c);
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final Set<Capability> capabilities() {
        return capabilities;
    }

    /**
     * Work that must come before the probe and depends on the options (where natives are extracted); nothing by
     * default.
     */
    protected void prepare(BackendOptions options) {
    }

    /**
     * Starts an engine; called only after a usable probe.
     *
     * @throws org.pinnerformer.api.BackendException when the options cannot be honoured (a GPU where none is
     *     usable), with a sentence that says what to do
     * @throws Exception when the engine fails to start; wrapped in a {@link BackendException}
     */
    protected abstract Engine open(BackendOptions options) throws Exception;

    @Override
    public final Backend create(BackendOptions options) {
        Objects.requireNonNull(options, "options");
        prepare(options);
        Probe probe = probe();
        if (!probe.usable()) {
            throw new BackendException(probe.message(), probe.failure().orElse(null));
        }
        Engine engine;
        try {
            engine = open(options);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new BackendException("the '" + name() + "' backend could not start its engine: " + e.getMessage(),
                    e);
        }
        return new EngineBackend(name(), engine);
    }
}
