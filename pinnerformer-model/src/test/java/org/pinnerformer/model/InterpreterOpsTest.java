package org.pinnerformer.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.pinnerformer.spi.graph.DType;
import org.pinnerformer.spi.graph.GraphBuilder;
import org.pinnerformer.spi.graph.Shape;
import org.pinnerformer.spi.graph.Value;

/** Every op of the interpreter against its documented formula, computed directly in double. */
class InterpreterOpsTest {
    private final SplittableRandom random = new SplittableRandom(7);
    private GraphBuilder g;

    /** A one-op graph over float data inputs a, b, c, ... of the given fixed shapes; returns its output. */
    private float[] run(Function<Value[], Value> op, float[][] data, int[]... shapes) {
        g = new GraphBuilder();
        Value[] in = new Value[data.length];
        List<ModelInput> inputs = new ArrayList<>();
        for (int i = 0; i < data.length; i++) {
            String name = String.valueOf((char) ('a' + i));
            Object[] dims = java.util.Arrays.stream(shapes[i]).boxed().toArray();
            in[i] = g.data(name, DType.FLOAT32, Shape.of(dims));
            inputs.add(ModelInput.of(name, FloatBuffer.wrap(data[i]), shapes[i]));
        }
        g.output("y", op.apply(in));
        return new GraphInterpreter(g.build(), Map.of()).run(inputs).get("y").toArray();
    }

    private float[] rand(int n) {
        return Fixtures.gaussian(n, random);
    }

    private static int[] s(int... dims) {
        return dims;
    }

    @Test
    void linearIsXTimesWTransposedPlusB() {
        float[] x = rand(2 * 3 * 5);
        float[] w = rand(4 * 5);
        float[] b = rand(4);
        float[] y = run(v -> g.linear(v[0], v[1], v[2]), new float[][] {x, w, b}, s(2, 3, 5), s(4, 5), s(4));
        for (int r = 0; r < 6; r++) {
            for (int o = 0; o < 4; o++) {
                double e = b[o];
                for (int i = 0; i < 5; i++) {
                    e += (double) x[r * 5 + i] * w[o * 5 + i];
                }
                assertThat(y[r * 4 + o]).isCloseTo((float) e, within(1e-6f));
            }
        }
    }

    @Test
    void layerNormUsesTheBiasedVarianceOfTheLastAxis() {
        float[] x = rand(3 * 4);
        float[] gamma = rand(4);
        float[] beta = rand(4);
        float[] y = run(v -> g.layerNorm(v[0], v[1], v[2], 1e-5), new float[][] {x, gamma, beta}, s(3, 4), s(4),
                s(4));
        for (int r = 0; r < 3; r++) {
            double mean = (x[r * 4] + x[r * 4 + 1] + x[r * 4 + 2] + x[r * 4 + 3]) / 4.0;
            double var = 0;
            for (int i = 0; i < 4; i++) {
                var += Math.pow(x[r * 4 + i] - mean, 2) / 4;
            }
            for (int i = 0; i < 4; i++) {
                double e = (x[r * 4 + i] - mean) / Math.sqrt(var + 1e-5) * gamma[i] + beta[i];
                assertThat(y[r * 4 + i]).isCloseTo((float) e, within(1e-5f));
            }
        }
    }

    /** erf by its Taylor series in 60-digit decimal arithmetic. */
    static double erfReference(double x) {
        MathContext mc = new MathContext(60);
        BigDecimal bx = new BigDecimal(x);
        BigDecimal x2 = bx.multiply(bx, mc);
        BigDecimal power = bx;
        BigDecimal sum = BigDecimal.ZERO;
        BigDecimal factorial = BigDecimal.ONE;
        for (int n = 0; n < 400; n++) {
            if (n > 0) {
                factorial = factorial.multiply(BigDecimal.valueOf(n));
                power = power.multiply(x2, mc).negate();
            }
            sum = sum.add(power.divide(factorial.multiply(BigDecimal.valueOf(2L * n + 1)), mc), mc);
        }
        return sum.doubleValue() * 2 / Math.sqrt(Math.PI);
    }

    @Test
    void geluMatchesTheExactErfFormWithAHighPrecisionErf() {
        float[] x = {-7f, -4.2f, -3f, -1.3f, -0.5f, -1e-4f, 0f, 1e-4f, 0.5f, 0.9f, 1.7f, 2.5f, 3.9f, 5.5f, 8f};
        float[] y = run(v -> g.gelu(v[0]), new float[][] {x}, s(x.length));
        for (int i = 0; i < x.length; i++) {
            double e = 0.5 * x[i] * (1 + erfReference(x[i] / Math.sqrt(2)));
            assertThat((double) y[i]).as("gelu(%s)", x[i]).isCloseTo(e, within(Math.ulp((float) e) + 1e-30));
        }
        for (double t : new double[] {0.1, 0.7, 1.5, 2.9, 4.4, 5.9}) {
            assertThat(Erf.erf(t)).isCloseTo(erfReference(t), within(2e-15));
            assertThat(Erf.erf(-t)).isCloseTo(-erfReference(t), within(2e-15));
        }
    }

    @Test
    void elementwiseOpsFollowTheirFormulasWithTrailingBroadcast() {
        float[] a = rand(2 * 3);
        float[] b = rand(3);
        float[] scalar = {0.75f};
        float[] add = run(v -> g.add(v[0], v[1]), new float[][] {a, b}, s(2, 3), s(3));
        float[] sub = run(v -> g.sub(v[0], v[1]), new float[][] {a, b}, s(2, 3), s(3));
        float[] mul = run(v -> g.mul(v[0], v[1]), new float[][] {a, b}, s(2, 3), s(3));
        float[] div = run(v -> g.div(v[0], v[1]), new float[][] {a, scalar}, s(2, 3), s());
        float[] aff = run(v -> g.scaleShift(v[0], -2, 0.5), new float[][] {a}, s(6));
        float[] cos = run(v -> g.cos(v[0]), new float[][] {a}, s(6));
        float[] sin = run(v -> g.sin(v[0]), new float[][] {a}, s(6));
        float[] big = {-100f, -3f, 0f, 2f, 30f, 100f};
        float[] sp = run(v -> g.softplus(v[0]), new float[][] {big}, s(6));
        for (int i = 0; i < 6; i++) {
            assertThat(add[i]).isEqualTo(a[i] + b[i % 3]);
            assertThat(sub[i]).isEqualTo(a[i] - b[i % 3]);
            assertThat(mul[i]).isEqualTo(a[i] * b[i % 3]);
            assertThat(div[i]).isEqualTo(a[i] / 0.75f);
            assertThat(aff[i]).isCloseTo((float) (-2.0 * a[i] + 0.5), within(1e-6f));
            assertThat(cos[i]).isCloseTo((float) Math.cos(a[i]), within(1e-7f));
            assertThat(sin[i]).isCloseTo((float) Math.sin(a[i]), within(1e-7f));
            double e = Math.log(1 + Math.exp(big[i]));
            assertThat((double) sp[i]).isCloseTo(Double.isInfinite(e) ? big[i] : e, within(1e-6 * Math.max(1, e)));
        }
        assertThat(sp[0]).isPositive();
    }

    @Test
    void gatherReadsRowsOfTheFlattenedLeadingDimensionsAndRefusesOutOfRangeIndices() {
        float[] x = rand(2 * 3 * 2);
        GraphBuilder b = new GraphBuilder();
        Value vx = b.data("x", DType.FLOAT32, Shape.of(2, 3, 2));
        Value idx = b.data("i", DType.INT32, Shape.of("P"));
        b.output("y", b.gather(vx, idx));
        GraphInterpreter interpreter = new GraphInterpreter(b.build(), Map.of());
        float[] y = interpreter.run(List.of(ModelInput.of("x", FloatBuffer.wrap(x), 2, 3, 2),
                ModelInput.of("i", IntBuffer.wrap(new int[] {5, 0, 3}), 3))).get("y").toArray();
        assertThat(y).containsExactly(x[10], x[11], x[0], x[1], x[6], x[7]);
        assertThatThrownBy(() -> interpreter.run(List.of(ModelInput.of("x", FloatBuffer.wrap(x), 2, 3, 2),
                ModelInput.of("i", IntBuffer.wrap(new int[] {6}), 1))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Gather index 6 at position 0").hasMessageContaining("outside the 6 rows");
    }

    @Test
    void reshapeConcatSliceAndSelectLastMoveValuesAsDocumented() {
        float[] x = rand(2 * 3 * 2);
        float[] z = rand(2 * 3 * 1);
        assertThat(run(v -> g.reshape(v[0], Shape.of(3, 4)), new float[][] {x}, s(2, 3, 2))).containsExactly(x);
        float[] cat = run(v -> g.concat(v[0], v[1]), new float[][] {x, z}, s(2, 3, 2), s(2, 3, 1));
        float[] slice = run(v -> g.sliceLastAxis(v[0], 1, 2), new float[][] {x}, s(2, 3, 2));
        float[] last = run(v -> g.selectLast(v[0]), new float[][] {x}, s(2, 3, 2));
        for (int r = 0; r < 6; r++) {
            assertThat(cat[r * 3]).isEqualTo(x[r * 2]);
            assertThat(cat[r * 3 + 1]).isEqualTo(x[r * 2 + 1]);
            assertThat(cat[r * 3 + 2]).isEqualTo(z[r]);
            assertThat(slice[r]).isEqualTo(x[r * 2 + 1]);
        }
        assertThat(last).containsExactly(x[4], x[5], x[10], x[11]);
    }

    @Test
    void l2NormalizeMatMulMaskedFillLogSumExpDiagonalAndWeightedSum() {
        float[] a = rand(3 * 4);
        float[] b = rand(5 * 4);
        float[] zero = new float[4];
        float[] norm = run(v -> g.l2Normalize(v[0], 1e-12), new float[][] {a}, s(3, 4));
        assertThat(run(v -> g.l2Normalize(v[0], 1e-12), new float[][] {zero}, s(1, 4))).containsOnly(0f);
        float[] mm = run(v -> g.matMulTransposed(v[0], v[1]), new float[][] {a, b}, s(3, 4), s(5, 4));
        float[] mask = {1, 0, 1, 1, 0, 1, 1, 1, 1, 0, 0, 1, 0, 0, 0};
        float[] logits = rand(15);
        float[] filled = run(v -> g.maskedFill(v[0], v[1], -1e9), new float[][] {logits, mask}, s(3, 5), s(3, 5));
        float[] lse = run(v -> g.logSumExp(g.maskedFill(v[0], v[1], -1e9)), new float[][] {logits, mask}, s(3, 5),
                s(3, 5));
        float[] square = rand(9);
        float[] diag = run(v -> g.diagonal(v[0]), new float[][] {square}, s(3, 3));
        float[] w = rand(3);
        float[] ws = run(v -> g.weightedSum(v[0], v[1]), new float[][] {w, diag}, s(3), s(3));
        for (int r = 0; r < 3; r++) {
            double n = 0;
            for (int i = 0; i < 4; i++) {
                n += (double) a[r * 4 + i] * a[r * 4 + i];
            }
            for (int i = 0; i < 4; i++) {
                assertThat(norm[r * 4 + i]).isCloseTo((float) (a[r * 4 + i] / Math.sqrt(n)), within(1e-6f));
            }
            for (int j = 0; j < 5; j++) {
                double d = 0;
                for (int i = 0; i < 4; i++) {
                    d += (double) a[r * 4 + i] * b[j * 4 + i];
                }
                assertThat(mm[r * 5 + j]).isCloseTo((float) d, within(1e-5f));
                assertThat(filled[r * 5 + j]).isEqualTo(mask[r * 5 + j] == 0 ? -1e9f : logits[r * 5 + j]);
            }
            double sum = 0;
            for (int j = 0; j < 5; j++) {
                if (mask[r * 5 + j] == 1) {
                    sum += Math.exp(logits[r * 5 + j]);
                }
            }
            assertThat(lse[r]).isCloseTo((float) Math.log(sum), within(1e-5f));
            assertThat(diag[r]).isEqualTo(square[r * 3 + r]);
        }
        assertThat(ws[0]).isCloseTo((float) ((double) w[0] * diag[0] + (double) w[1] * diag[1]
                + (double) w[2] * diag[2]), within(1e-6f));
    }

    /** Attention by a naive per-head, per-query loop in double, straight from the op's documentation. */
    static double[] naiveAttention(float[] x, int batch, int t, int h, int heads, float[] inW, float[] inB,
            float[] outW, float[] outB, float[] valid) {
        int dh = h / heads;
        double[] y = new double[batch * t * h];
        for (int b = 0; b < batch; b++) {
            double[][] q = new double[t][h];
            double[][] k = new double[t][h];
            double[][] v = new double[t][h];
            for (int u = 0; u < t; u++) {
                for (int o = 0; o < h; o++) {
                    q[u][o] = inB[o];
                    k[u][o] = inB[h + o];
                    v[u][o] = inB[2 * h + o];
                    for (int i = 0; i < h; i++) {
                        double xi = x[(b * t + u) * h + i];
                        q[u][o] += xi * inW[o * h + i];
                        k[u][o] += xi * inW[(h + o) * h + i];
                        v[u][o] += xi * inW[(2 * h + o) * h + i];
                    }
                }
            }
            for (int qt = 0; qt < t; qt++) {
                double[] o = new double[h];
                boolean any = false;
                for (int head = 0; head < heads; head++) {
                    double[] s = new double[t];
                    double total = 0;
                    for (int u = 0; u <= qt; u++) {
                        if (valid[b * t + u] == 1) {
                            double dot = 0;
                            for (int i = 0; i < dh; i++) {
                                dot += q[qt][head * dh + i] * k[u][head * dh + i];
                            }
                            s[u] = Math.exp(dot / Math.sqrt(dh));
                            total += s[u];
                            any = true;
                        }
                    }
                    for (int u = 0; u <= qt; u++) {
                        if (valid[b * t + u] == 1) {
                            for (int i = 0; i < dh; i++) {
                                o[head * dh + i] += s[u] / total * v[u][head * dh + i];
                            }
                        }
                    }
                }
                for (int j = 0; any && j < h; j++) {
                    double e = outB[j];
                    for (int i = 0; i < h; i++) {
                        e += o[i] * outW[j * h + i];
                    }
                    y[(b * t + qt) * h + j] = e;
                }
            }
        }
        return y;
    }

    @Test
    void attentionMatchesANaivePerHeadLoopAndGivesZeroForAQueryWithoutKeys() {
        int b = 2;
        int t = 5;
        int h = 6;
        float[] x = rand(b * t * h);
        float[] inW = rand(3 * h * h);
        float[] inB = rand(3 * h);
        float[] outW = rand(h * h);
        float[] outB = rand(h);
        float[] valid = {0, 0, 1, 1, 1, 1, 0, 1, 0, 1};
        float[][] data = {x, inW, inB, outW, outB, valid};
        int[][] shapes = {s(b, t, h), s(3 * h, h), s(3 * h), s(h, h), s(h), s(b, t)};
        float[] y = run(v -> g.causalSelfAttention(v[0], v[1], v[2], v[3], v[4], v[5], 3, false), data, shapes);
        float[] newest = run(v -> g.causalSelfAttention(v[0], v[1], v[2], v[3], v[4], v[5], 3, true), data, shapes);
        double[] e = naiveAttention(x, b, t, h, 3, inW, inB, outW, outB, valid);
        for (int i = 0; i < y.length; i++) {
            assertThat((double) y[i]).isCloseTo(e[i], within(1e-5 * (1 + Math.abs(e[i]))));
            assertThat(y[i]).isFinite();
        }
        for (int i = 0; i < 2 * h; i++) {
            assertThat(y[i]).as("query without a valid key").isZero();
        }
        for (int bb = 0; bb < b; bb++) {
            for (int j = 0; j < h; j++) {
                assertThat(newest[bb * h + j]).isEqualTo(y[(bb * t + t - 1) * h + j]);
            }
        }
    }

    @Test
    void refusesMissingExtraAndMisshapenInputs() {
        GraphBuilder b = new GraphBuilder();
        Value x = b.data("x", DType.FLOAT32, Shape.of("B", 2));
        Value z = b.data("z", DType.FLOAT32, Shape.of("B", 2));
        b.output("y", b.add(x, z));
        GraphInterpreter interpreter = new GraphInterpreter(b.build(), Map.of());
        ModelInput x2 = ModelInput.of("x", FloatBuffer.wrap(new float[4]), 2, 2);
        assertThatThrownBy(() -> interpreter.run(List.of(x2))).hasMessage("data input 'z' f32[B, 2] is missing");
        assertThatThrownBy(() -> interpreter.run(List.of(x2, ModelInput.of("z", FloatBuffer.wrap(new float[6]), 3,
                2)))).hasMessage("data input 'z' has shape [3, 2], but its dimension 0 (B) must be 2");
        assertThatThrownBy(() -> interpreter.run(List.of(x2, ModelInput.of("z", FloatBuffer.wrap(new float[4]), 2,
                2), ModelInput.of("w", FloatBuffer.wrap(new float[1]), 1))))
                .hasMessage("the graph has no data inputs named [w]");
    }
}
