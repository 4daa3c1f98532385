package org.pinnerformer.backend.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.pinnerformer.api.Checkpoint;
import org.pinnerformer.api.ModelSpec;
import org.pinnerformer.model.ModelInitializer;
import org.pinnerformer.spi.BackendOptions;
import org.pinnerformer.spi.UserEncoder;

/** A long-lived backend forgets the encoders its caller closed, and still closes the open ones itself. */
class OnnxBackendLifecycleTest {
    private static final ModelSpec SPEC = ModelSpec.builder().itemVectorSize(4).hiddenSize(8).layers(1).heads(2)
            .maxSequenceLength(4).outputSize(3).build();

    @Test
    void closedEncodersAreNotKeptAndOpenOnesAreClosedWithTheBackend() {
        Checkpoint ck = ModelInitializer.initialize(SPEC, Batches.ACTIONS, Batches.SURFACES, 3);
        OnnxBackend backend = (OnnxBackend) new OnnxBackendProvider().create(BackendOptions.defaults().withThreads(1));
        for (int i = 0; i < 40; i++) {
            backend.userEncoder(ck).close();
            backend.itemEncoder(ck).close();
        }
        assertThat(backend.tracked()).isLessThanOrEqualTo(1);
        UserEncoder open = backend.userEncoder(ck);
        assertThat(backend.tracked()).isEqualTo(1);
        backend.close();
        assertThat(backend.tracked()).isZero();
        assertThatThrownBy(() -> backend.userEncoder(ck)).isInstanceOf(IllegalStateException.class)
                .hasMessageEndingWith("backend is closed");
        assertThat(((OnnxUserEncoder) open).isClosed()).isTrue();
    }
}
