package org.pinnerformer.backend.tf;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.pinnerformer.api.BackendException;
import org.pinnerformer.spi.AbstractBackendProvider;
import org.pinnerformer.spi.Backend;
import org.pinnerformer.spi.BackendOptions;
import org.pinnerformer.spi.Capability;

/**
 * The {@code tf} backend: TensorFlow 2.18 (CPU) through TensorFlow Java 1.1.0, in graph mode.
 *
 * <p>The constructor touches no native code. {@link #probe()} chooses JavaCPP's extraction directory (see
 * {@code docs/tf.md}: the system property {@code org.bytedeco.javacpp.cachedir}, else the first
 * {@link BackendOptions#nativeDirectory()} given to {@link #create}, else {@code ~/.cache/pinnerformer/javacpp})
 * and loads TensorFlow from the {@code tensorflow-core-native} jar on the class path; nothing is downloaded.
 */
public final class TfBackendProvider extends AbstractBackendProvider {
    /** The name to select this backend by. */
    public static final String NAME = "tf";

    /** Creates the provider; loads nothing. */
    public TfBackendProvider() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<Capability> capabilities() {
        return EnumSet.of(Capability.TRAIN, Capability.INFER);
    }

    @Override
    protected String load() {
        Path directory = Natives.prepare(Optional.empty());
        return "TensorFlow " + Natives.load() + " through TensorFlow Java (natives extracted under " + directory
                + ")";
    }

    @Override
    public Backend create(BackendOptions options) {
        Objects.requireNonNull(options, "options");
        Natives.prepare(options.nativeDirectory());
        if (!probe().usable()) {
            throw new BackendException(probe().message(), probe().failure().orElse(null));
        }
        return new TfBackend(options);
    }
}
