package org.pinnerformer.backend.tf;

import java.nio.file.Path;
import java.util.Optional;
import org.pinnerformer.model.engine.EngineProvider;
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
public final class TfBackendProvider extends EngineProvider {
    /** Creates the provider; loads nothing. */
    public TfBackendProvider() {
        super("tf", Capability.TRAIN, Capability.INFER);
    }

    @Override
    protected String load() {
        Path directory = Natives.prepare(Optional.empty());
        return "TensorFlow " + Natives.load() + " through TensorFlow Java (natives extracted under " + directory
                + ")";
    }

    @Override
    protected void prepare(BackendOptions options) {
        Natives.prepare(options.nativeDirectory());
    }

    @Override
    protected TfEngine open(BackendOptions options) {
        return new TfEngine(options);
    }
}
