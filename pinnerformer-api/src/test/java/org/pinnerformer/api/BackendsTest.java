package org.pinnerformer.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.pinnerformer.spi.Capability.INFER;
import static org.pinnerformer.spi.Capability.TRAIN;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.pinnerformer.spi.Probe;

class BackendsTest {

    @AfterEach
    void clearProperty() {
        System.clearProperty(ConfigKeys.BACKEND);
    }

    @Test
    void discoveryWithNoProviderSaysWhatToAdd() {
        Backends none = Backends.discover();
        assertThat(none.providers()).isEmpty();
        assertThatThrownBy(() -> none.select(INFER))
                .isInstanceOf(BackendException.class)
                .hasMessage("no usable PinnerFormer backend with [INFER] was found. No provider is registered: "
                        + "add a backend module (pinnerformer-backend-djl, -onnx, -tf) or pinnerformer-core "
                        + "(the pure-Java 'java' backend) to the module path or class path.");
    }

    @Test
    void oneUsableProviderIsChosen() {
        FakeProvider p = FakeProvider.usable("java", INFER);
        assertThat(Backends.of(List.of(p)).select(INFER)).isSameAs(p);
    }

    @Test
    void severalProvidersAreOrderedByNameAndTheFirstUsableWins() {
        FakeProvider tf = FakeProvider.usable("tf", TRAIN, INFER);
        FakeProvider djl = FakeProvider.usable("djl", TRAIN, INFER);
        FakeProvider java = FakeProvider.usable("java", INFER);
        Backends b = Backends.of(List.of(tf, java, djl));
        assertThat(b.providers()).extracting(p -> p.name()).containsExactly("djl", "java", "tf");
        assertThat(b.select(INFER)).isSameAs(djl);
        assertThat(b.select(TRAIN)).isSameAs(djl);
    }

    @Test
    void providerWhoseProbeFailsIsSkippedAndItsFailureIsReported() {
        FakeProvider broken = FakeProvider.failing("djl", new UnsatisfiedLinkError("no libtorch in java.library.path"),
                TRAIN, INFER);
        FakeProvider java = FakeProvider.usable("java", INFER);
        Backends b = Backends.of(List.of(broken, java));
        assertThat(b.select(INFER)).isSameAs(java);
        assertThatThrownBy(() -> b.select(TRAIN))
                .isInstanceOf(BackendException.class)
                .hasMessage("no usable PinnerFormer backend with [TRAIN] was found. Providers found:\n"
                        + "  - djl (org.pinnerformer.api.FakeProvider): unusable, backend 'djl' could not load its "
                        + "engine: java.lang.UnsatisfiedLinkError: no libtorch in java.library.path\n"
                        + "  - java (org.pinnerformer.api.FakeProvider): lacks [TRAIN]");
    }

    @Test
    void probeRunsOnceAndRemembersTheFirstFailure() {
        FakeProvider broken = FakeProvider.failing("x", new IllegalStateException("boom"), INFER);
        Probe first = broken.probe();
        Probe second = broken.probe();
        assertThat(first.usable()).isFalse();
        assertThat(second).isSameAs(first);
        assertThat(broken.loads).isEqualTo(1);
        assertThat(first.failure()).containsInstanceOf(IllegalStateException.class);
    }

    @Test
    void selectingByNameExplainsEachProblem() {
        FakeProvider java = FakeProvider.usable("java", INFER);
        FakeProvider broken = FakeProvider.failing("djl", new IllegalStateException("boom"), TRAIN, INFER);
        Backends b = Backends.of(List.of(java, broken));
        assertThat(b.select("java", INFER)).isSameAs(java);
        assertThatThrownBy(() -> b.select("onnx"))
                .isInstanceOf(BackendException.class)
                .hasMessageStartingWith("no PinnerFormer backend named 'onnx' was found. Providers found:\n"
                        + "  - djl (org.pinnerformer.api.FakeProvider): unusable");
        assertThatThrownBy(() -> b.select("java", TRAIN))
                .isInstanceOf(BackendException.class)
                .hasMessageStartingWith("backend 'java' cannot do [TRAIN] (it can do [INFER]).");
        assertThatThrownBy(() -> b.select("djl", TRAIN))
                .isInstanceOf(BackendException.class)
                .hasMessage("backend 'djl' is not usable here: backend 'djl' could not load its engine: "
                        + "java.lang.IllegalStateException: boom")
                .hasCauseInstanceOf(IllegalStateException.class);
    }

    @Test
    void duplicateNamesAreReported() {
        Backends b = Backends.of(List.of(FakeProvider.usable("djl", INFER), FakeProvider.usable("djl", INFER)));
        assertThatThrownBy(() -> b.select("djl"))
                .isInstanceOf(BackendException.class)
                .hasMessage("several PinnerFormer backends are named 'djl': [org.pinnerformer.api.FakeProvider, "
                        + "org.pinnerformer.api.FakeProvider]; remove all but one from the module path or class path.");
    }

    @Test
    void systemPropertyForcesABackend() {
        FakeProvider djl = FakeProvider.usable("djl", TRAIN, INFER);
        FakeProvider onnx = FakeProvider.usable("onnx", INFER);
        Backends b = Backends.of(List.of(djl, onnx));
        System.setProperty(ConfigKeys.BACKEND, "onnx");
        assertThat(b.select(INFER)).isSameAs(onnx);
        System.setProperty(ConfigKeys.BACKEND, "tf");
        assertThatThrownBy(() -> b.select(INFER))
                .isInstanceOf(BackendException.class)
                .hasMessageStartingWith("no PinnerFormer backend named 'tf' was found.");
    }
}
