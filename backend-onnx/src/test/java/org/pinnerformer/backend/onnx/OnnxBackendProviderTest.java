package org.pinnerformer.backend.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtProvider;
import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pinnerformer.api.BackendException;
import org.pinnerformer.api.Backends;
import org.pinnerformer.api.Checkpoint;
import org.pinnerformer.api.InferenceBatch;
import org.pinnerformer.api.ItemBatch;
import org.pinnerformer.api.ModelSpec;
import org.pinnerformer.backend.onnx.export.OnnxModelExporter;
import org.pinnerformer.model.ModelInitializer;
import org.pinnerformer.spi.Backend;
import org.pinnerformer.spi.BackendOptions;
import org.pinnerformer.spi.BackendProvider;
import org.pinnerformer.spi.Capability;
import org.pinnerformer.spi.Device;
import org.pinnerformer.spi.ItemEncoder;
import org.pinnerformer.spi.ModelExporter;
import org.pinnerformer.spi.UserEncoder;

class OnnxBackendProviderTest {
    private static final ModelSpec SPEC = ModelSpec.builder().itemVectorSize(4).hiddenSize(8).layers(1).heads(2)
            .maxSequenceLength(6).outputSize(3).actionEmbeddingSize(2).surfaceEmbeddingSize(2).build();
    private static final Checkpoint CK = ModelInitializer.initialize(SPEC, Batches.ACTIONS, Batches.SURFACES, 5);

    private static InferenceBatch users() {
        return new InferenceBatch(Batches.sequences(SPEC, 3, 5, new int[] {5, 1, 3}, new SplittableRandom(2)),
                new long[] {1, 2, 3});
    }

    private static ItemBatch items() {
        return Batches.items(SPEC, 4, new SplittableRandom(3));
    }

    @Test
    void isDiscoveredAndItsProbeLoadsOnnxRuntime() {
        BackendProvider provider = Backends.discover().select("onnx", Capability.INFER);
        assertThat(provider).isInstanceOf(OnnxBackendProvider.class);
        assertThat(provider.capabilities()).containsExactly(Capability.INFER);
        assertThat(provider.probe().usable()).isTrue();
        assertThat(provider.probe().message()).startsWith("ONNX Runtime 1.28.0");
        assertThat(provider.probe()).isSameAs(provider.probe());
    }

    @Test
    void encodesLikeTheJavaBackend() {
        try (Backend onnx = new OnnxBackendProvider().create(BackendOptions.defaults());
                Backend java = Backends.discover().select("java", Capability.INFER)
                        .create(BackendOptions.defaults().withThreads(1));
                UserEncoder u = onnx.userEncoder(CK);
                UserEncoder ju = java.userEncoder(CK);
                ItemEncoder i = onnx.itemEncoder(CK);
                ItemEncoder ji = java.itemEncoder(CK)) {
            assertThat(u.outputSize()).isEqualTo(3);
            assertThat(i.outputSize()).isEqualTo(3);
            assertClose(u.encode(users()), ju.encode(users()));
            assertClose(u.encodeAllPositions(users()), ju.encodeAllPositions(users()));
            assertClose(i.encode(items()), ji.encode(items()));
            float[] e = u.encode(users());
            for (int r = 0; r < 3; r++) {
                double norm = 0;
                for (int j = 0; j < 3; j++) {
                    norm += e[r * 3 + j] * e[r * 3 + j];
                }
                assertThat(norm).isCloseTo(1, within(1e-5));
            }
        }
    }

    private static void assertClose(float[] a, float[] b) {
        assertThat(a).hasSameSizeAs(b);
        for (int k = 0; k < a.length; k++) {
            assertThat(a[k]).isCloseTo(b[k], within(1e-5f));
        }
    }

    @Test
    void encodersRefuseUseAfterCloseAndTheBackendClosesWhatItHandedOut() {
        Backend backend = new OnnxBackendProvider().create(BackendOptions.defaults().withThreads(1));
        UserEncoder u = backend.userEncoder(CK);
        ItemEncoder i = backend.itemEncoder(CK);
        u.close();
        u.close();
        assertThatThrownBy(() -> u.encode(users())).isInstanceOf(IllegalStateException.class)
                .hasMessage("this user encoder is closed");
        assertThatThrownBy(() -> u.encodeAllPositions(users())).hasMessage("this user encoder is closed");
        assertThat(i.encode(items())).hasSize(12);
        backend.close();
        backend.close();
        assertThatThrownBy(() -> i.encode(items())).isInstanceOf(IllegalStateException.class)
                .hasMessage("this item encoder is closed");
        assertThatThrownBy(() -> backend.userEncoder(CK)).isInstanceOf(IllegalStateException.class)
                .hasMessage("the 'onnx' backend is closed");
    }

    @Test
    void refusesToTrainAndToRunOnAGpuWithoutCuda() {
        try (Backend backend = new OnnxBackendProvider().create(BackendOptions.defaults())) {
            assertThatThrownBy(() -> backend.trainer(CK, null)).isInstanceOf(UnsupportedOperationException.class)
                    .hasMessage("the 'onnx' backend only runs inference; train with the 'djl' (PyTorch) or 'tf' "
                            + "(TensorFlow) backend");
        }
        if (!OrtEnvironment.getAvailableProviders().contains(OrtProvider.CUDA)) {
            assertThatThrownBy(() -> new OnnxBackendProvider().create(BackendOptions.defaults()
                    .withDevice(Device.GPU))).isInstanceOf(BackendException.class).hasMessage(
                            "the 'onnx' backend was asked for Device.GPU, but this ONNX Runtime has no CUDA "
                            + "execution provider (available: [CPU]); put the com.microsoft.onnxruntime:"
                            + "onnxruntime_gpu artifact on the path instead of onnxruntime, or ask for Device.CPU or "
                            + "Device.AUTO");
            try (Backend auto = new OnnxBackendProvider().create(BackendOptions.defaults().withDevice(Device.AUTO));
                    ItemEncoder i = auto.itemEncoder(CK)) {
                assertThat(i.encode(items())).hasSize(12);
            }
        }
    }

    @Test
    void exportsTheThreeTowersThroughTheModelExporterService(@TempDir Path dir) throws IOException {
        ModelExporter exporter = ModelExporter.find("onnx").orElseThrow();
        assertThat(exporter).isInstanceOf(OnnxModelExporter.class);
        List<Path> files = exporter.export(CK, dir.resolve("out"));
        assertThat(files).extracting(f -> f.getFileName().toString()).containsExactly("user_tower_newest.onnx",
                "user_tower.onnx", "item_tower.onnx", "SHA256SUMS");
        for (Path f : files) {
            assertThat(Files.size(f)).isGreaterThan(100);
        }
        assertThat(ModelExporter.find("tflite")).isEmpty();
    }

    @Test
    void exportsNothingAndProvidesTheExporterInModuleInfoAndServiceFile() throws IOException {
        ModuleDescriptor descriptor = OnnxBackendProvider.class.getModule().getDescriptor();
        assertThat(descriptor).isNotNull();
        assertThat(descriptor.exports()).isEmpty();
        assertProvides(descriptor, ModelExporter.class, OnnxModelExporter.class);
    }

    private static void assertProvides(ModuleDescriptor descriptor, Class<?> service, Class<?> impl)
            throws IOException {
        assertThat(descriptor.provides()).anySatisfy(p -> {
            assertThat(p.service()).isEqualTo(service.getName());
            assertThat(p.providers()).containsExactly(impl.getName());
        });
        try (InputStream in = OnnxBackendProvider.class.getModule()
                .getResourceAsStream("META-INF/services/" + service.getName())) {
            assertThat(in).isNotNull();
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8).trim()).isEqualTo(impl.getName());
        }
    }
}
