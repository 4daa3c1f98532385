package org.pinnerformer.backend.tf;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pinnerformer.api.Checkpoint;
import org.pinnerformer.api.ModelSpec;
import org.pinnerformer.model.GraphNames;
import org.pinnerformer.model.ModelInitializer;
import org.pinnerformer.model.ModelInput;
import org.pinnerformer.model.ModelInputs;
import org.pinnerformer.spi.graph.DType;
import org.pinnerformer.spi.graph.GraphBuilder;
import org.pinnerformer.spi.graph.Shape;
import org.pinnerformer.spi.graph.Value;
import org.pinnerformer.testkit.SyntheticActivity;
import org.pinnerformer.testkit.conformance.DropoutTrainingTest;

/** Dropout on the tf backend: the shared training tests, and the lowered op's statistics and seeding. */
class TfDropoutTest extends DropoutTrainingTest {
    private static final int N = 200_000;

    TfDropoutTest() {
        super("tf");
    }

    private static float[] dropout(double rate, long step) {
        GraphBuilder g = new GraphBuilder();
        Value x = g.data("x", DType.FLOAT32, Shape.of("N"));
        Value seed = g.data(GraphNames.DROPOUT_SEED, DType.INT32, Shape.scalar());
        g.output("y", g.dropout(x, rate, seed));
        float[] ones = new float[N];
        Arrays.fill(ones, 1f);
        List<ModelInput> inputs = List.of(ModelInput.of("x", FloatBuffer.wrap(ones), N),
                ModelInputs.dropoutSeed(7, step));
        // the graph has no parameters; any checkpoint serves
        Checkpoint none = ModelInitializer.initialize(ModelSpec.smallPreset(), SyntheticActivity.ACTION_TYPES,
                SyntheticActivity.SURFACES, 1);
        try (TfModel model = new TfModel(none, Map.of("dropout", g.build()), Natives.config(1, false))) {
            return model.run("dropout", inputs, "y");
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
