package org.pinnerformer.backend.tf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.pinnerformer.api.BackendException;
import org.pinnerformer.api.Backends;
import org.pinnerformer.spi.BackendProvider;
import org.pinnerformer.spi.Capability;
import org.pinnerformer.spi.Device;

class TfBackendProviderTest {

    @Test
    void theConstructorLoadsNothing() {
        TfBackendProvider provider = new TfBackendProvider();
        assertThat(provider.name()).isEqualTo("tf");
        assertThat(provider.capabilities()).containsExactlyInAnyOrder(Capability.TRAIN, Capability.INFER);
    }

    @Test
    void discoveredThroughServiceLoaderAndExtractsUnderTheConfiguredDirectory() {
        BackendProvider provider = Backends.discover().find("tf").orElseThrow();
        assertThat(provider).isInstanceOf(TfBackendProvider.class);
        assertThat(provider.probe().usable()).as(provider.probe().message()).isTrue();
        assertThat(provider.probe().message()).contains("TensorFlow 2.18");
        // surefire sets the JavaCPP property to target/javacpp-cache: the 652 MB never land in ~/.javacpp
        String dir = System.getProperty(Natives.CACHE_DIR_PROPERTY);
        assertThat(dir).endsWith("javacpp-cache");
        assertThat(Natives.prepare(Optional.of(Path.of("/elsewhere")))).isEqualTo(Path.of(dir));
        assertThat(Files.isDirectory(Path.of(dir))).isTrue();
        assertThat(Backends.discover().select("tf", Capability.TRAIN).name()).isEqualTo("tf");
    }

    @Test
    void theDefaultCacheDirectoryIsUnderTheUsersCache() {
        assertThat(Natives.defaultCacheDirectory().toString()).endsWith("pinnerformer/javacpp");
    }

    @Test
    void aGpuRequestWithoutAGpuFailsWithASentence() {
        assertThatThrownBy(() -> TfEngine.resolve(Device.GPU, () -> false)).isInstanceOf(BackendException.class)
                .hasMessageContaining("TensorFlow sees no GPU").hasMessageContaining("choose device CPU or AUTO");
        assertThat(TfEngine.resolve(Device.AUTO, () -> false)).isFalse();
        assertThat(TfEngine.resolve(Device.AUTO, () -> true)).isTrue();
        assertThat(TfEngine.resolve(Device.CPU, () -> true)).isFalse();
        assertThat(TfEngine.resolve(Device.GPU, () -> true)).isTrue();
    }

    @Test
    void thisCpuBuildSeesNoGpu() {
        Backends.discover().find("tf").orElseThrow().probe();
        assertThat(Natives.gpuAvailable()).isFalse();
    }
}
