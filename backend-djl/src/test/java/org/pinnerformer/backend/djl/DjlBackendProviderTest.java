package org.pinnerformer.backend.djl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.pinnerformer.api.BackendException;
import org.pinnerformer.api.Backends;
import org.pinnerformer.spi.BackendProvider;
import org.pinnerformer.spi.Capability;
import org.pinnerformer.spi.Device;

class DjlBackendProviderTest {

    @Test
    void discoveredThroughServiceLoaderAndProbesUsableOffline() {
        BackendProvider provider = Backends.discover().find("djl").orElseThrow();
        assertThat(provider).isInstanceOf(DjlBackendProvider.class);
        assertThat(provider.capabilities()).contains(Capability.TRAIN, Capability.INFER);
        assertThat(provider.probe().usable()).as(provider.probe().message()).isTrue();
        assertThat(provider.probe().message()).contains("PyTorch 2.7.1");
        assertThat(System.getProperty("ai.djl.offline")).isEqualTo("true");
        assertThat(Backends.discover().select("djl", Capability.TRAIN).name()).isEqualTo("djl");
    }

    @Test
    void aGpuRequestWithoutAGpuFailsWithASentence() {
        assertThatThrownBy(() -> DjlEngine.resolve(Device.GPU, 0)).isInstanceOf(BackendException.class)
                .hasMessageContaining("libtorch sees no GPU").hasMessageContaining("pytorch-native-cu124");
        assertThat(DjlEngine.resolve(Device.AUTO, 0).isGpu()).isFalse();
        assertThat(DjlEngine.resolve(Device.AUTO, 1).isGpu()).isTrue();
        assertThat(DjlEngine.resolve(Device.CPU, 1).isGpu()).isFalse();
    }
}
