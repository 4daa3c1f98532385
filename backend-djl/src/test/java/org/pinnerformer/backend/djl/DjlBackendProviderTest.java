package org.pinnerformer.backend.djl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pinnerformer.api.BackendException;
import org.pinnerformer.api.Backends;
import org.pinnerformer.spi.BackendProvider;
import org.pinnerformer.spi.Capability;
import org.pinnerformer.spi.Device;

class DjlBackendProviderTest {

    @Test
    void moduleInfoAndServiceFileNameTheSameProvider() throws IOException {
        ModuleDescriptor descriptor = DjlBackendProvider.class.getModule().getDescriptor();
        assertThat(descriptor).as("backend-djl must run as a named module in tests").isNotNull();
        List<String> provided = descriptor.provides().stream()
                .filter(p -> p.service().equals(BackendProvider.class.getName()))
                .flatMap(p -> p.providers().stream()).toList();
        String services;
        try (InputStream in = DjlBackendProvider.class.getModule()
                .getResourceAsStream("META-INF/services/" + BackendProvider.class.getName())) {
            assertThat(in).as("META-INF/services file").isNotNull();
            services = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        }
        assertThat(provided).containsExactly(services).containsExactly(DjlBackendProvider.class.getName());
    }

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
