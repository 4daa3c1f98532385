package org.pinnerformer.spi;

/**
 * A provider whose {@link #probe()} runs {@link #load()} once, turns any exception or
 * {@link LinkageError} into an unusable {@link Probe}, and caches the outcome.
 */
public abstract class AbstractBackendProvider implements BackendProvider {
    private volatile Probe probe;

    /** A free constructor: nothing is loaded until {@link #probe()}. */
    protected AbstractBackendProvider() {
    }

    /**
     * Loads the engine and returns a sentence naming it and its version.
     *
     * @throws Exception or {@link LinkageError} when the engine cannot be loaded
     */
    protected abstract String load() throws Exception;

    @Override
    public final Probe probe() {
        Probe p = probe;
        if (p == null) {
            synchronized (this) {
                p = probe;
                if (p == null) {
                    p = runLoad();
                    probe = p;
                }
            }
        }
        return p;
    }

    private Probe runLoad() {
        try {
            return Probe.usable(load());
        } catch (Exception | LinkageError e) {
            return Probe.unusable("backend '" + name() + "' could not load its engine: " + e, e);
        }
    }
}
