package org.pinnerformer.backend.tf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.pinnerformer.api.BackendException;
import org.pinnerformer.api.Backends;
import org.pinnerformer.spi.BackendProvider;
import org.pinnerformer.spi.Capability;
import org.pinnerformer.spi.Device;

class TfBackendProviderTest {

    @Test
    void moduleInfoAndServiceFileNameTheSameProvider() throws IOException {
        ModuleDescriptor descriptor = TfBackendProvider.class.getModule().getDescriptor();
        assertThat(descriptor).as("backend-tf must run as a named module in tests").isNotNull();
        List<String> provided = descriptor.provides().stream()
                .filter(p -> p.service().equals(BackendProvider.class.getName()))
                .flatMap(p -> p.providers().stream()).toList();
        String services;
        try (InputStream in = TfBackendProvider.class.getModule()
                .getResourceAsStream("META-INF/services/" + BackendProvider.class.getName())) {
            assertThat(in).as("META-INF/services file").isNotNull();
            services = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        }
        assertThat(provided).containsExactly(services).containsExactly(TfBackendProvider.class.getName());
    }

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
