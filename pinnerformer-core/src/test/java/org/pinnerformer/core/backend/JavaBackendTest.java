package org.pinnerformer.core.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.pinnerformer.api.BackendException;
import org.pinnerformer.api.Backends;
import org.pinnerformer.api.Checkpoint;
import org.pinnerformer.api.InferenceBatch;
import org.pinnerformer.api.ItemBatch;
import org.pinnerformer.api.ModelSpec;
import org.pinnerformer.api.SequenceBatch;
import org.pinnerformer.api.Vocabulary;
import org.pinnerformer.model.ModelInitializer;
import org.pinnerformer.spi.Backend;
import org.pinnerformer.spi.BackendOptions;
import org.pinnerformer.spi.BackendProvider;
import org.pinnerformer.spi.Capability;
import org.pinnerformer.spi.Device;
import org.pinnerformer.spi.ItemEncoder;
import org.pinnerformer.spi.UserEncoder;

class JavaBackendTest {
    private static final ModelSpec SPEC = ModelSpec.builder().itemVectorSize(4).hiddenSize(8).layers(1).heads(2)
            .maxSequenceLength(4).outputSize(3).actionEmbeddingSize(2).surfaceEmbeddingSize(2).build();
    private static final Vocabulary V = Vocabulary.of("click");

    private static SequenceBatch batch() {
        int b = 2;
        int t = 3;
        int a = SPEC.timeAngleCount();
        SplittableRandom r = new SplittableRandom(1);
        float[] vectors = new float[b * t * 4];
        for (int i = 0; i < vectors.length; i++) {
            vectors[i] = (float) r.nextGaussian();
        }
        int[] rows = {0, 1, 1, 1, 1, 1};
        return new SequenceBatch(b, t, 4, a, vectors, new int[b * t], rows, rows, new float[b * t],
                new float[b * t * a], new float[b * t * 3], new float[] {0, 1, 1, 1, 1, 1});
    }

    @Test
    void isDiscoveredByBackendsAndEncodesUsersAndItems() {
        BackendProvider provider = Backends.discover().select("java", Capability.INFER);
        assertThat(provider).isInstanceOf(JavaBackendProvider.class);
        assertThat(provider.probe().usable()).isTrue();
        Checkpoint ck = ModelInitializer.initialize(SPEC, V, V, 5);
        try (Backend backend = provider.create(BackendOptions.defaults().withThreads(2));
                UserEncoder users = backend.userEncoder(ck);
                ItemEncoder items = backend.itemEncoder(ck)) {
            InferenceBatch in = new InferenceBatch(batch(), new long[] {7, 8});
            float[] newest = users.encode(in);
            float[] all = users.encodeAllPositions(in);
            assertThat(newest).hasSize(2 * 3);
            assertThat(all).hasSize(2 * 3 * 3);
            for (int u = 0; u < 2; u++) {
                double norm = 0;
                for (int j = 0; j < 3; j++) {
                    assertThat(newest[u * 3 + j]).isCloseTo(all[(u * 3 + 2) * 3 + j],
                            org.assertj.core.api.Assertions.within(1e-6f));
                    norm += newest[u * 3 + j] * newest[u * 3 + j];
                }
                assertThat(norm).isCloseTo(1, org.assertj.core.api.Assertions.within(1e-5));
            }
            float[] e = items.encode(new ItemBatch(5, 4, new float[20], new int[5]));
            assertThat(e).hasSize(15);
            assertThat(users.outputSize()).isEqualTo(3);
            UserEncoder closed = backend.userEncoder(ck);
            closed.close();
            assertThatThrownBy(() -> closed.encode(in)).hasMessage("this user encoder is closed");
        }
    }

    @Test
    void refusesToTrainAndToRunOnAGpuWithSentencesNamingTheAlternatives() {
        JavaBackendProvider provider = new JavaBackendProvider();
        try (Backend backend = provider.create(BackendOptions.defaults())) {
            assertThat(backend.capabilities()).containsExactly(Capability.INFER);
            assertThatThrownBy(() -> backend.trainer(null, null)).isInstanceOf(UnsupportedOperationException.class)
                    .hasMessage("the 'java' backend only runs inference; train with the 'djl' (PyTorch) or 'tf' "
                            + "(TensorFlow) backend");
        }
        assertThatThrownBy(() -> provider.create(BackendOptions.defaults().withDevice(Device.GPU)))
                .isInstanceOf(BackendException.class).hasMessageStartingWith(
                        "the 'java' backend runs on the CPU only");
    }

    @Test
    void moduleProvidesAndServiceFileNameTheSameClass() throws IOException {
        ModuleDescriptor descriptor = JavaBackendProvider.class.getModule().getDescriptor();
        assertThat(descriptor).isNotNull();
        assertThat(descriptor.provides()).anySatisfy(p -> {
            assertThat(p.service()).isEqualTo(BackendProvider.class.getName());
            assertThat(p.providers()).containsExactly(JavaBackendProvider.class.getName());
        });
        try (InputStream in = JavaBackendProvider.class.getModule()
                .getResourceAsStream("META-INF/services/org.pinnerformer.spi.BackendProvider")) {
            assertThat(in).isNotNull();
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8).trim())
                    .isEqualTo(JavaBackendProvider.class.getName());
        }
    }
}
