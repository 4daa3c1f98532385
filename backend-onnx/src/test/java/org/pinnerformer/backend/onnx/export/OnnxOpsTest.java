package org.pinnerformer.backend.onnx.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.pinnerformer.api.FloatTensor;
import org.pinnerformer.model.ModelInput;
import org.pinnerformer.spi.graph.DType;
import org.pinnerformer.spi.graph.Graph;
import org.pinnerformer.spi.graph.GraphBuilder;
import org.pinnerformer.spi.graph.Node;
import org.pinnerformer.spi.graph.Op;
import org.pinnerformer.spi.graph.Shape;
import org.pinnerformer.spi.graph.Value;

/**
 * Every op of the vocabulary, lowered to ONNX and run by ONNX Runtime, against core's interpreter on small random
 * graphs with symbolic dimensions, each run at two sizes of those dimensions.
 */
class OnnxOpsTest {
    private static final double TOLERANCE = 1e-5;
    private static final Set<Class<?>> COVERED = new HashSet<>();

    private final SplittableRandom random = new SplittableRandom(11);
    private GraphBuilder g;
    private final List<ModelInput> inputs = new ArrayList<>();
    private final Map<String, FloatTensor> params = new HashMap<>();

    private float[] rand(int n, double scale) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (random.nextGaussian() * scale);
        }
        return x;
    }

    private Value data(String name, Shape declared, int... shape) {
        int n = Arrays.stream(shape).reduce(1, (a, b) -> a * b);
        return data(name, declared, rand(n, 1), shape);
    }

    private Value data(String name, Shape declared, float[] values, int... shape) {
        inputs.add(ModelInput.of(name, FloatBuffer.wrap(values), shape));
        return g.data(name, DType.FLOAT32, declared);
    }

    private Value ints(String name, Shape declared, int[] values, int... shape) {
        inputs.add(ModelInput.of(name, IntBuffer.wrap(values), shape));
        return g.data(name, DType.INT32, declared);
    }

    private Value param(String name, int... shape) {
        int n = Arrays.stream(shape).reduce(1, (a, b) -> a * b);
        params.put(name, new FloatTensor(shape, rand(n, 0.5)));
        return g.parameter(name, shape);
    }

    /** Builds the graph for each size of the symbolic dimensions (1 and 3, or as given) and compares. */
    private void check(int[] sizes, Function<Integer, Value> build) {
        for (int size : sizes) {
            g = new GraphBuilder();
            inputs.clear();
            params.clear();
            g.output("y", build.apply(size));
            Graph graph = g.build();
            for (Node n : graph.nodes()) {
                COVERED.add(n.op().getClass());
            }
            OrtCheck.assertMatches(graph, params, inputs, TOLERANCE);
        }
    }

    private void check(Function<Integer, Value> build) {
        check(new int[] {1, 3}, build);
    }

    /** Dropout exists only in training graphs; export refuses it, and attention with dropout, by name. */
    @Test
    void dropoutIsRefusedAsTrainingOnly() {
        GraphBuilder b = new GraphBuilder();
        Value x = b.data("x", DType.FLOAT32, Shape.of("B", 4));
        Value seed = b.data("dropout_seed", DType.INT32, Shape.scalar());
        b.output("y", b.dropout(x, 0.25, seed));
        Graph graph = b.build();
        assertThatThrownBy(() -> OnnxLowering.toOnnx(graph, Map.of(), "dropout"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Dropout[rate=0.25] is a training-only op (dropout); ONNX export lowers inference "
                        + "graphs, which never contain it");
        COVERED.add(Op.Dropout.class);
    }

    @AfterAll
    static void everyOpOfTheVocabularyWasLowered() {
        assertThat(COVERED).containsExactlyInAnyOrder(Op.class.getPermittedSubclasses());
    }

    @Test
    void linearOnRank3WithDynamicBatch() {
        check(b -> g.linear(data("x", Shape.of("B", 4, 5), b, 4, 5), param("w", 3, 5), param("b", 3)));
    }

    @Test
    void layerNormOfTheLastAxis() {
        check(b -> g.layerNorm(data("x", Shape.of("B", "T", 6), b, 2, 6), param("g", 6), param("b", 6), 1e-5));
    }

    @Test
    void geluIsTheErfForm() {
        check(b -> g.gelu(data("x", Shape.of("B", 7), rand(b * 7, 3), b, 7)));
    }

    @Test
    void gatherFromATableAndFromFlattenedLeadingDimensions() {
        check(b -> g.gather(param("table", 5, 3), ints("idx", Shape.of("B", "T"),
                random.ints(b * 4, 0, 5).toArray(), b, 4)));
        check(b -> g.gather(data("x", Shape.of("B", "T", 3), b, 4, 3), ints("p", Shape.of("P"),
                random.ints(6, 0, b * 4).toArray(), 6)));
    }

    @Test
    void reshapeKeepsSymbolicDimensionsDynamic() {
        check(b -> g.reshape(data("x", Shape.of("B", "T"), b, 5), Shape.of("B", "T", 1)));
        check(b -> g.reshape(data("x", Shape.of("B", 2, 3), b, 2, 3), Shape.of("B", 6)));
        check(b -> g.reshape(g.sliceLastAxis(g.reshape(param("phase", 6), Shape.of(3, 2)), 0, 1), Shape.of(3)));
    }

    @Test
    void concatOfTheLastAxis() {
        check(b -> g.concat(data("a", Shape.of("B", "T", 2), b, 3, 2), data("c", Shape.of("B", "T", 3), b, 3, 3),
                data("d", Shape.of("B", "T", 1), b, 3, 1)));
    }

    @Test
    void elementwiseArithmeticWithTheTrailingBroadcast() {
        check(b -> g.add(data("a", Shape.of("B", 2, 4), b, 2, 4), data("c", Shape.of(4), 4)));
        check(b -> g.sub(data("a", Shape.of("B", 4), b, 4), data("c", Shape.of("B", 4), b, 4)));
        check(b -> g.mul(data("a", Shape.of("B", 4), b, 4), param("s")));
        check(b -> g.div(data("a", Shape.of("B", 4), b, 4), g.scaleShift(g.softplus(param("t")), 1, 0.01)));
    }

    @Test
    void scaleShiftCosAndSin() {
        check(b -> g.sin(g.cos(g.scaleShift(data("x", Shape.of("B", 5), b, 5), 2.5, -0.75))));
    }

    @Test
    void softplusIsStableForLargeMagnitudes() {
        check(b -> g.softplus(data("x", Shape.of("B", 6), new float[] {-100, -30, -1e-4f, 0, 20, 90},
                1, 6)));
        check(b -> g.softplus(data("x", Shape.of("B", 6), rand(b * 6, 10), b, 6)));
    }

    @Test
    void selectLastAndSliceLastAxis() {
        check(b -> g.sliceLastAxis(g.selectLast(data("x", Shape.of("B", "T", 5), b, 4, 5)), 1, 4));
    }

    /** Valid masks with left padding, a sequence with no valid action, and one fully valid. */
    private float[] validMask(int b, int t) {
        float[] valid = new float[b * t];
        for (int i = 0; i < b; i++) {
            int pad = i == 0 ? t : i == 1 ? 0 : random.nextInt(t);
            for (int u = pad; u < t; u++) {
                valid[i * t + u] = 1;
            }
        }
        return valid;
    }

    private Value attention(int b, int t, boolean newest) {
        Value x = data("x", Shape.of("B", "T", 8), rand(b * t * 8, 1), b, t, 8);
        Value valid = data("valid", Shape.of("B", "T"), validMask(b, t), b, t);
        return g.causalSelfAttention(x, param("in_w", 24, 8), param("in_b", 24), param("out_w", 8, 8),
                param("out_b", 8), valid, 2, newest);
    }

    @Test
    void causalSelfAttentionGivesZeroForAQueryWithoutKeysNeverNaN() {
        for (int t : new int[] {1, 2, 6}) {
            check(new int[] {1, 3, 4}, b -> attention(b, t, false));
            check(new int[] {1, 3, 4}, b -> attention(b, t, true));
        }
    }

    @Test
    void l2NormalizeFloorsTheNormAtEpsilon() {
        check(b -> g.l2Normalize(data("x", Shape.of("B", 4), rand(b * 4, 1), b, 4), 1e-12));
        check(b -> g.l2Normalize(data("x", Shape.of("B", 4), new float[] {0, 0, 0, 0, 1e-7f, 0, 0, 0, 3, 4, 0, 0},
                3, 4), 1e-6));
    }

    @Test
    void matMulTransposedMaskedFillLogSumExpDiagonalAndWeightedSum() {
        check(p -> {
            Value a = data("a", Shape.of("P", 4), p, 4);
            Value c = data("c", Shape.of("P", 4), p, 4);
            float[] mask = new float[p * p];
            for (int i = 0; i < mask.length; i++) {
                mask[i] = i % (p + 1) == 0 || random.nextBoolean() ? 1 : 0;
            }
            Value logits = g.maskedFill(g.matMulTransposed(a, c), data("m", Shape.of("P", "P"), mask, p, p), -1e9);
            Value perPair = g.sub(g.logSumExp(logits), g.diagonal(logits));
            return g.weightedSum(perPair, data("w", Shape.of("P"), p));
        });
    }
}
