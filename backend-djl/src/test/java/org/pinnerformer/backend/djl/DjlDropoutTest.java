package org.pinnerformer.backend.djl;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pinnerformer.model.GraphNames;
import org.pinnerformer.model.ModelInput;
import org.pinnerformer.model.ModelInputs;
import org.pinnerformer.spi.BackendOptions;
import org.pinnerformer.spi.graph.DType;
import org.pinnerformer.spi.graph.Graph;
import org.pinnerformer.spi.graph.GraphBuilder;
import org.pinnerformer.spi.graph.Shape;
import org.pinnerformer.spi.graph.Value;
import org.pinnerformer.testkit.conformance.DropoutTrainingTest;

/** Dropout on the djl backend: the shared training tests, and the lowered op's statistics and seeding. */
class DjlDropoutTest extends DropoutTrainingTest {
    private static final int N = 200_000;

    DjlDropoutTest() {
        super("djl");
    }

    private static float[] dropout(double rate, long step) {
        GraphBuilder g = new GraphBuilder();
        Value x = g.data("x", DType.FLOAT32, Shape.of("N"));
        Value seed = g.data(GraphNames.DROPOUT_SEED, DType.INT32, Shape.scalar());
        g.output("y", g.dropout(x, rate, seed));
        Graph graph = g.build();
        float[] ones = new float[N];
        Arrays.fill(ones, 1f);
        List<ModelInput> inputs = List.of(ModelInput.of("x", FloatBuffer.wrap(ones), N),
                ModelInputs.dropoutSeed(7, step));
        try (DjlEngine engine = new DjlEngine(BackendOptions.defaults().withThreads(1));
                NDManager manager = NDManager.newBaseManager(engine.device(), "PyTorch");
                NDManager scope = manager.newSubManager()) {
            return Lowering.run(scope, graph, Map.of(), Lowering.inputs(scope, inputs)).get("y").toFloatArray();
        }
    }

    @Test
    void dropsAboutRateOfTheElementsAndScalesTheRest() {
        float[] ones = new float[N];
        Arrays.fill(ones, 1f);
        DropoutTrainingTest.assertInvertedDropout(ones, dropout(0.3, 0), 0.3);
        DropoutTrainingTest.assertInvertedDropout(ones, dropout(0.5, 1), 0.5);
    }

    @Test
    void theMaskIsAFunctionOfTheStepSeed() {
        assertThat(dropout(0.3, 0)).containsExactly(dropout(0.3, 0));
        assertThat(dropout(0.3, 1)).isNotEqualTo(dropout(0.3, 0));
    }
}
