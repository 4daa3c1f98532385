package org.pinnerformer.backend.djl;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.pinnerformer.api.Backends;
import org.pinnerformer.api.Checkpoint;
import org.pinnerformer.api.ModelSpec;
import org.pinnerformer.api.TrainingBatch;
import org.pinnerformer.api.objective.TrainingOptions;
import org.pinnerformer.model.GraphNames;
import org.pinnerformer.model.ModelInitializer;
import org.pinnerformer.model.ModelInputs;
import org.pinnerformer.model.ModelParameters;
import org.pinnerformer.model.PinnerFormerGraphs;
import org.pinnerformer.core.sampling.TrainingBatchSource;
import org.pinnerformer.spi.BackendOptions;
import org.pinnerformer.testkit.SyntheticActivity;
import org.pinnerformer.testkit.SyntheticConfig;

/** The backward pass of the lowered loss graph reads only memory that lives until it ends. */
class LoweringGradientTest {

    /**
     * Garbage collection between the forward and the backward pass, with freed native memory then filled with
     * another pattern, changes no gradient bit. Every operand libtorch's autograd keeps for the backward pass must
     * be owned by the step's scope: DJL's {@code mul(Number)}-style overloads wrapped the constant in a Java buffer
     * that was freed at the next collection, after which the backward pass read whatever took its place.
     */
    @Test
    void gradientsDoNotDependOnGarbageCollectionBetweenForwardAndBackward() throws InterruptedException {
        SyntheticActivity activity = new SyntheticActivity(SyntheticConfig.of(120, 400, 7));
        ModelSpec spec = ModelSpec.builder().itemVectorSize(64).actionEmbeddingSize(4).surfaceEmbeddingSize(3)
                .hiddenSize(16).layers(2).heads(2).maxSequenceLength(24).outputSize(8).itemIdHashBuckets(32).build();
        TrainingOptions options = TrainingOptions.builder().batchSize(16).steps(1).seed(3).build();
        int[] all = IntStream.range(0, activity.timelines().userCount()).toArray();
        TrainingBatch batch = new TrainingBatchSource(activity.timelines(), activity.catalog(), spec, options, all)
                .iterator().next();
        Checkpoint model = ModelInitializer.initialize(spec, SyntheticActivity.ACTION_TYPES,
                SyntheticActivity.SURFACES, 4);
        assertThat(Backends.discover().find("djl").orElseThrow().probe().usable()).isTrue();
        try (DjlEngine backend = new DjlEngine(BackendOptions.defaults().withThreads(1));
                NDManager manager = NDManager.newBaseManager(backend.device(), "PyTorch")) {
            Map<String, float[]> quiet = gradients(manager, model, batch, false);
            Map<String, float[]> collected = gradients(manager, model, batch, true);
            assertThat(collected.keySet()).isEqualTo(quiet.keySet());
            for (String name : quiet.keySet()) {
                assertThat(collected.get(name)).as(name).containsExactly(quiet.get(name));
            }
        }
    }

    private static Map<String, float[]> gradients(NDManager manager, Checkpoint model, TrainingBatch batch,
            boolean collectBetween) throws InterruptedException {
        Map<String, float[]> out = new TreeMap<>();
        List<ByteBuffer> filler = new ArrayList<>();
        try (NDManager scope = manager.newSubManager()) {
            Map<String, NDArray> parameters = Tensors.toArrays(scope, model, true);
            Map<String, NDArray> data = Lowering.inputs(scope, ModelInputs.training(model.spec(), batch));
            try (GradientCollector collector = Engine.getEngine("PyTorch").newGradientCollector()) {
                NDArray loss = Lowering.run(scope, PinnerFormerGraphs.loss(ModelParameters.of(model)), parameters,
                        data).get(GraphNames.LOSS);
                if (collectBetween) {
                    for (int round = 0; round < 3; round++) {
                        System.gc();
                        Thread.sleep(100); // the cleaner frees collected direct buffers on its own thread
                        for (int i = 0; i < 4000; i++) {
                            ByteBuffer b = ByteBuffer.allocateDirect(4 + 4 * (i % 16));
                            while (b.hasRemaining()) {
                                b.put((byte) 0x7f);
                            }
                            filler.add(b);
                        }
                    }
                }
                collector.backward(loss);
            }
            for (Map.Entry<String, NDArray> e : parameters.entrySet()) {
                NDArray g = e.getValue().getGradient();
                out.put(e.getKey(), g.toFloatArray());
                g.close();
            }
        }
        assertThat(filler).hasSize(collectBetween ? 12_000 : 0);
        return out;
    }
}
