package org.pinnerformer.spi.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DropoutOpTest {

    @Test
    void keepsTheShapeOfItsOperandAndTakesAnInt32ScalarSeed() {
        GraphBuilder g = new GraphBuilder();
        Value x = g.data("x", DType.FLOAT32, Shape.of("B", "T", 4));
        Value seed = g.data("seed", DType.INT32, Shape.scalar());
        Value y = g.dropout(x, 0.5, seed);
        assertThat(y.type()).isEqualTo(x.type());
        assertThat(g.dropout(x, 0, seed)).isSameAs(x);
    }

    @Test
    void rejectsASeedThatIsNotAnInt32Scalar() {
        GraphBuilder g = new GraphBuilder();
        Value x = g.data("x", DType.FLOAT32, Shape.of(3));
        Value vector = g.data("v", DType.INT32, Shape.of(2));
        Value real = g.data("r", DType.FLOAT32, Shape.scalar());
        assertThatThrownBy(() -> g.dropout(x, 0.5, vector))
                .hasMessage("Dropout[rate=0.5] cannot be applied to [f32[3], i32[2]]: seed must have rank 0, has 1");
        assertThatThrownBy(() -> g.dropout(x, 0.5, real))
                .hasMessage("Dropout[rate=0.5] cannot be applied to [f32[3], f32[]]: seed must be int32");
    }

    @Test
    void ratesOutsideZeroToOneAreRefused() {
        assertThatThrownBy(() -> new Op.Dropout(1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("rate must be >= 0 and < 1, was 1.0");
        assertThatThrownBy(() -> new Op.Dropout(-0.5)).hasMessage("rate must be >= 0 and < 1, was -0.5");
        assertThatThrownBy(() -> new Op.CausalSelfAttention(2, false, Double.NaN))
                .hasMessage("dropout must be >= 0 and < 1, was NaN");
    }

    @Test
    void attentionWithDropoutTakesTheSeedAsSeventhOperand() {
        GraphBuilder g = new GraphBuilder();
        Value x = g.data("x", DType.FLOAT32, Shape.of("B", "T", 4));
        Value valid = g.data("valid", DType.FLOAT32, Shape.of("B", "T"));
        Value seed = g.data("seed", DType.INT32, Shape.scalar());
        Value y = g.causalSelfAttention(x, g.parameter("w", 12, 4), g.parameter("b", 12), g.parameter("ow", 4, 4),
                g.parameter("ob", 4), valid, 2, false, 0.1, seed);
        assertThat(y.type()).isEqualTo(x.type());
        assertThat(new Op.CausalSelfAttention(2, true, 0.1)).hasToString(
                "CausalSelfAttention[heads=2, newestOnly=true, dropout=0.1]");
        assertThat(new Op.CausalSelfAttention(2, true)).isEqualTo(new Op.CausalSelfAttention(2, true, 0))
                .hasToString("CausalSelfAttention[heads=2, newestOnly=true]");
        assertThatThrownBy(() -> g.add(new Op.CausalSelfAttention(2, false, 0.1), x, g.parameter("w2", 12, 4),
                g.parameter("b2", 12), g.parameter("ow2", 4, 4), g.parameter("ob2", 4), valid))
                .hasMessageContaining("it takes 7 operands (x, in_proj_weight, in_proj_bias, out_proj.weight, "
                        + "out_proj.bias, valid, seed), got 6");
    }
}
