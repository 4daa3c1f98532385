package org.pinnerformer.spark;

import java.util.Set;
import org.pinnerformer.api.Checkpoint;
import org.pinnerformer.api.InferenceBatch;
import org.pinnerformer.api.objective.TrainingOptions;
import org.pinnerformer.core.backend.JavaBackendProvider;
import org.pinnerformer.spi.AbstractBackendProvider;
import org.pinnerformer.spi.Backend;
import org.pinnerformer.spi.BackendOptions;
import org.pinnerformer.spi.Capability;
import org.pinnerformer.spi.ItemEncoder;
import org.pinnerformer.spi.Trainer;
import org.pinnerformer.spi.UserEncoder;

/**
 * A test backend, {@value #NAME}: core's {@code java} backend, except that any batch holding a user whose id is a
 * multiple of {@value #DIVISOR} fails. Found only by name, so the default choice is never it.
 */
public final class FailingBackendProvider extends AbstractBackendProvider {
    static final String NAME = "failing-test";
    static final long DIVISOR = 7;

    private final JavaBackendProvider java = new JavaBackendProvider();

    /** Loads nothing. */
    public FailingBackendProvider() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<Capability> capabilities() {
        return Set.of(Capability.INFER);
    }

    @Override
    protected String load() {
        return "the java backend, failing on users divisible by " + DIVISOR;
    }

    @Override
    public Backend create(BackendOptions options) {
        Backend inner = java.create(options);
        return new Backend() {
            @Override
            public String name() {
                return NAME;
            }

            @Override
            public Set<Capability> capabilities() {
                return Set.of(Capability.INFER);
            }

            @Override
            public Trainer trainer(Checkpoint initial, TrainingOptions options) {
                throw new UnsupportedOperationException("the failing test backend cannot train");
            }

            @Override
            public UserEncoder userEncoder(Checkpoint checkpoint) {
                UserEncoder enc = inner.userEncoder(checkpoint);
                return new UserEncoder() {
                    @Override
                    public int outputSize() {
                        return enc.outputSize();
                    }

                    @Override
                    public float[] encode(InferenceBatch batch) {
                        for (long id : batch.userIds()) {
                            if (id % DIVISOR == 0) {
                                throw new IllegalStateException("test failure for user " + id);
                            }
                        }
                        return enc.encode(batch);
                    }

                    @Override
                    public float[] encodeAllPositions(InferenceBatch batch) {
                        return encode(batch);
                    }

                    @Override
                    public void close() {
                        enc.close();
                    }
                };
            }

            @Override
            public ItemEncoder itemEncoder(Checkpoint checkpoint) {
                return inner.itemEncoder(checkpoint);
            }

            @Override
            public void close() {
                inner.close();
            }
        };
    }
}
