package org.pinnerformer.model.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.pinnerformer.api.BackendException;
import org.pinnerformer.api.Checkpoint;
import org.pinnerformer.api.FloatTensor;
import org.pinnerformer.api.ItemBatch;
import org.pinnerformer.api.ModelSpec;
import org.pinnerformer.api.Vocabulary;
import org.pinnerformer.api.objective.TrainingOptions;
import org.pinnerformer.model.ModelInitializer;
import org.pinnerformer.model.ModelInput;
import org.pinnerformer.spi.Backend;
import org.pinnerformer.spi.BackendOptions;
import org.pinnerformer.spi.Capability;
import org.pinnerformer.spi.ItemEncoder;
import org.pinnerformer.spi.Trainer;
import org.pinnerformer.spi.UserEncoder;
import org.pinnerformer.spi.graph.Graph;

/**
 * The one backend over a fake engine: lifecycle, the provider guard, refusals and output checks, once for every
 * backend (the conformance suite checks the same sentences on each real engine).
 */
class EngineBackendTest {
    private static final ModelSpec SPEC = ModelSpec.builder().itemVectorSize(4).hiddenSize(8).layers(1).heads(2)
            .maxSequenceLength(4).outputSize(3).build();
    private static final Vocabulary V = Vocabulary.of("click");
    private static final Checkpoint CK = ModelInitializer.initialize(SPEC, V, V, 3);

    /** Counts what it compiled and closed; returns {@code width} values per item. */
    static final class FakeEngine implements Engine {
        final List<String> events = new ArrayList<>();
        int open;
        int width = 3;
        boolean inferenceOnly;

        @Override
        public Set<Capability> capabilities() {
            return inferenceOnly ? EnumSet.of(Capability.INFER) : EnumSet.of(Capability.INFER, Capability.TRAIN);
        }

        @Override
        public TrainingProgram train(Graph loss, Checkpoint initial, TrainingOptions options) {
            open++;
            return new TrainingProgram() {
                @Override
                public float step(List<ModelInput> inputs) {
                    return 1f;
                }

                @Override
                public Map<String, FloatTensor> parameters() {
                    return initial.tensors();
                }

                @Override
                public void close() {
                    open--;
                }
            };
        }

        @Override
        public CompiledModel compile(Checkpoint checkpoint, Map<String, Graph> graphs) {
            open++;
            return new CompiledModel() {
                @Override
                public float[] run(String graph, List<ModelInput> inputs, String output) {
                    return new float[inputs.get(0).shape()[0] * width];
                }

                @Override
                public void close() {
                    open--;
                }
            };
        }

        @Override
        public void close() {
            events.add("engine closed");
        }
    }

    static final class FakeProvider extends EngineProvider {
        final FakeEngine engine = new FakeEngine();
        final boolean loads;

        FakeProvider(boolean loads, Capability... capabilities) {
            super("fake", capabilities);
            this.loads = loads;
            if (capabilities.length == 1) {
                engine.inferenceOnly = true;
            }
        }

        @Override
        protected String load() {
            if (!loads) {
                throw new UnsatisfiedLinkError("no libfake in java.library.path");
            }
            return "fake 1.0";
        }

        @Override
        protected Engine open(BackendOptions options) {
            return engine;
        }
    }

    private static ItemBatch items(int n) {
        return new ItemBatch(n, 4, new float[n * 4], new int[n]);
    }

    @Test
    void closedEncodersAreNotKeptAndOpenOnesAreClosedWithTheBackendThenTheEngine() {
        FakeProvider provider = new FakeProvider(true);
        EngineBackend backend = (EngineBackend) provider.create(BackendOptions.defaults());
        for (int i = 0; i < 100; i++) {
            backend.userEncoder(CK).close();
            backend.itemEncoder(CK).close();
        }
        assertThat(backend.tracked()).isLessThanOrEqualTo(1);
        UserEncoder open = backend.userEncoder(CK);
        ItemEncoder items = backend.itemEncoder(CK);
        assertThat(backend.tracked()).isEqualTo(2);
        assertThat(provider.engine.open).isEqualTo(2);
        backend.close();
        backend.close();
        assertThat(backend.tracked()).isZero();
        assertThat(provider.engine.open).isZero();
        assertThat(provider.engine.events).containsExactly("engine closed");
        assertThatThrownBy(() -> backend.userEncoder(CK)).isInstanceOf(IllegalStateException.class)
                .hasMessage("the 'fake' backend is closed");
        assertThatThrownBy(() -> items.encode(items(2))).isInstanceOf(IllegalStateException.class)
                .hasMessage("this item encoder is closed");
        assertThat(((GraphUserEncoder) open).isClosed()).isTrue();
    }

    @Test
    void anUnusableProbeIsRefusedWithItsSentenceAndCause() {
        FakeProvider provider = new FakeProvider(false);
        assertThatThrownBy(() -> provider.create(BackendOptions.defaults())).isInstanceOf(BackendException.class)
                .hasMessageStartingWith("backend 'fake' could not load its engine: java.lang.UnsatisfiedLinkError")
                .hasCauseInstanceOf(UnsatisfiedLinkError.class);
    }

    @Test
    void closedTrainersRefuseWorkAndCountOnlyFiniteSteps() {
        FakeProvider provider = new FakeProvider(true);
        Backend backend = provider.create(BackendOptions.defaults());
        Trainer trainer = backend.trainer(CK, TrainingOptions.builder().steps(3).build());
        assertThat(trainer.checkpoint().metadata()).containsEntry("training.steps", "0");
        Trainer open = backend.trainer(CK, TrainingOptions.builder().steps(3).build());
        trainer.close();
        trainer.close();
        assertThatThrownBy(trainer::checkpoint).isInstanceOf(IllegalStateException.class)
                .hasMessage("this trainer is closed");
        backend.close();
        assertThatThrownBy(open::checkpoint).isInstanceOf(IllegalStateException.class)
                .hasMessage("this trainer is closed");
        assertThat(provider.engine.open).isZero();
        assertThatThrownBy(() -> backend.trainer(CK, TrainingOptions.builder().steps(3).build()))
                .isInstanceOf(IllegalStateException.class).hasMessage("the 'fake' backend is closed");
    }

    @Test
    void anInferenceOnlyEngineRefusesToTrainAndEmptyBatchesGiveEmptyResults() {
        try (Backend backend = new FakeProvider(true, Capability.INFER).create(BackendOptions.defaults());
                ItemEncoder items = backend.itemEncoder(CK)) {
            assertThat(backend.capabilities()).containsExactly(Capability.INFER);
            assertThatThrownBy(() -> backend.trainer(CK, null)).isInstanceOf(UnsupportedOperationException.class)
                    .hasMessage("the 'fake' backend only runs inference; train with the 'djl' (PyTorch) or 'tf' "
                            + "(TensorFlow) backend");
            assertThat(items.encode(items(0))).isEmpty();
            assertThat(items.encode(items(5))).hasSize(15);
        }
    }

    @Test
    void anEngineReturningTheWrongNumberOfValuesIsCaughtWithTheSizes() {
        FakeProvider provider = new FakeProvider(true);
        provider.engine.width = 2;
        try (Backend backend = provider.create(BackendOptions.defaults());
                ItemEncoder items = backend.itemEncoder(CK)) {
            assertThatThrownBy(() -> items.encode(items(5))).isInstanceOf(BackendException.class)
                    .hasMessage("the engine returned 10 values for item_tower, expected 5 x 3 = 15");
        }
    }
}
