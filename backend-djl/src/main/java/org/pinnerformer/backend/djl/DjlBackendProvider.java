package org.pinnerformer.backend.djl;

import ai.djl.engine.Engine;
import org.pinnerformer.model.engine.EngineProvider;
import org.pinnerformer.spi.BackendOptions;
import org.pinnerformer.spi.Capability;

/**
 * The {@code djl} backend: PyTorch (libtorch 2.7.1, CPU) through DJL 0.36.0.
 *
 * <p>The constructor touches no native code. {@link #probe()} switches DJL to offline mode
 * ({@code ai.djl.offline=true}) and opts out of usage tracking ({@code OPT_OUT_TRACKING=true}) unless the
 * caller set those properties, sets {@code OMP_WAIT_POLICY=PASSIVE} for libtorch's OpenMP workers unless the
 * environment sets it (system property {@code pinnerformer.djl.ompWaitPolicy}: {@code PASSIVE}, {@code ACTIVE} or
 * {@code default}), then loads libtorch from the {@code pytorch-native-cpu} jar on the class path.
 */
public final class DjlBackendProvider extends EngineProvider {
    /** Creates the provider; loads nothing. */
    public DjlBackendProvider() {
        super("djl", Capability.TRAIN, Capability.INFER);
    }

    @Override
    protected String load() {
        Natives.prepareOffline();
        String openMp = Natives.prepareOpenMp();
        Engine engine = Engine.getEngine("PyTorch");
        return "PyTorch " + engine.getVersion() + " through DJL " + Engine.getDjlVersion()
                + " (" + Natives.gpuCount() + " GPU(s) visible; " + openMp + ")";
    }

    @Override
    protected DjlEngine open(BackendOptions options) {
        return new DjlEngine(options);
    }
}
