package org.pinnerformer.spi.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class GraphBuilderTest {

    @Test
    void infersShapesThroughALinearLayerAndAConcat() {
        GraphBuilder g = new GraphBuilder();
        Value x = g.data("x", DType.FLOAT32, Shape.of("B", "T", 8));
        Value y = g.linear(x, g.parameter("w", 4, 8), g.parameter("b", 4));
        Value z = g.concat(y, x);
        g.output("z", z);
        Graph graph = g.build();
        assertThat(z.shape()).isEqualTo(Shape.of("B", "T", 12));
        assertThat(graph.parameters()).extracting(GraphInput::name).containsExactly("w", "b");
        assertThat(graph.dataInputs()).extracting(GraphInput::name).containsExactly("x");
        assertThat(graph.valueCount()).isEqualTo(5);
        assertThat(graph.output("z")).isEqualTo(z);
    }

    @Test
    void concatOfSymbolicDimensionsIsTheirSum() {
        GraphBuilder g = new GraphBuilder();
        Value a = g.data("a", DType.FLOAT32, Shape.of("P"));
        Value b = g.data("b", DType.FLOAT32, Shape.of("R"));
        assertThat(g.concat(a, b).shape()).isEqualTo(Shape.of("P+R"));
        assertThat(Dim.of(2).plus(Dim.of(3))).isEqualTo(Dim.of(5));
    }

    @Test
    void rejectsALinearLayerWhoseWeightDoesNotFitWithASentenceNamingTheShapes() {
        GraphBuilder g = new GraphBuilder();
        Value x = g.data("x", DType.FLOAT32, Shape.of("B", "T", 5));
        Value w = g.parameter("w", 4, 6);
        Value b = g.parameter("b", 4);
        assertThatThrownBy(() -> g.linear(x, w, b))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Linear cannot be applied to [f32[B, T, 5], f32[4, 6], f32[4]]: the last dimension of x "
                        + "and the input size of W must be equal, were 5 and 6");
    }

    @Test
    void rejectsAttentionWithAWronglyShapedMask() {
        GraphBuilder g = new GraphBuilder();
        Value x = g.data("x", DType.FLOAT32, Shape.of("B", "T", 4));
        Value mask = g.data("mask", DType.FLOAT32, Shape.of("B", "N"));
        assertThatThrownBy(() -> g.causalSelfAttention(x, g.parameter("w", 12, 4), g.parameter("b", 12),
                g.parameter("ow", 4, 4), g.parameter("ob", 4), mask, 2, false))
                .hasMessage("CausalSelfAttention[heads=2, newestOnly=false] cannot be applied to [f32[B, T, 4], "
                        + "f32[12, 4], f32[12], f32[4, 4], f32[4], f32[B, N]]: [B, T] of x and the shape of valid "
                        + "must be equal, were [B, T] and [B, N]");
        assertThatThrownBy(() -> g.causalSelfAttention(x, g.parameter("w", 12, 4), g.parameter("b", 12),
                g.parameter("ow", 4, 4), g.parameter("ob", 4), mask, 3, false))
                .hasMessageContaining("the hidden size 4 must be fixed and divisible by heads=3");
    }

    @Test
    void rejectsBroadcastsOtherThanATrailingSuffix() {
        GraphBuilder g = new GraphBuilder();
        Value a = g.data("a", DType.FLOAT32, Shape.of("B", "T", 4));
        Value b = g.data("b", DType.FLOAT32, Shape.of("B", 4));
        assertThatThrownBy(() -> g.add(a, b))
                .hasMessage("Add cannot be applied to [f32[B, T, 4], f32[B, 4]]: the shape of b must equal the "
                        + "trailing dimensions of a");
        assertThat(g.mul(a, g.data("s", DType.FLOAT32, Shape.scalar())).shape()).isEqualTo(a.shape());
    }

    @Test
    void rejectsGatherWithFloatIndicesAndReshapesThatChangeTheSymbols() {
        GraphBuilder g = new GraphBuilder();
        Value table = g.parameter("table", 5, 3);
        Value idx = g.data("idx", DType.FLOAT32, Shape.of("B"));
        assertThatThrownBy(() -> g.gather(table, idx)).hasMessage("Gather cannot be applied to [f32[5, 3], "
                + "f32[B]]: idx must be int32");
        Value x = g.data("x", DType.FLOAT32, Shape.of("B", "T"));
        assertThat(g.reshape(x, Shape.of("B", "T", 1)).shape()).isEqualTo(Shape.of("B", "T", 1));
        assertThatThrownBy(() -> g.reshape(x, Shape.of("T", "B"))).hasMessageContaining(
                "the target shape [T, B] must have the same symbolic dimensions in order");
    }

    @Test
    void sharesAParameterDeclaredTwiceWithTheSameShapeAndRefusesAnotherShape() {
        GraphBuilder g = new GraphBuilder();
        Value w1 = g.parameter("w", 2, 3);
        assertThat(g.parameter("w", 2, 3)).isSameAs(w1);
        assertThatThrownBy(() -> g.parameter("w", 3, 2)).hasMessage(
                "input name 'w' is already declared as PARAMETER f32[2, 3], cannot declare it as PARAMETER f32[3, 2]");
    }

    @Test
    void refusesAGraphWithoutOutputsAndUseAfterBuild() {
        GraphBuilder g = new GraphBuilder();
        Value x = g.data("x", DType.FLOAT32, Shape.of(2));
        assertThatThrownBy(g::build).hasMessage("a graph needs at least one output");
        g.output("x", g.cos(x)).build();
        assertThatThrownBy(() -> g.sin(x)).isInstanceOf(IllegalStateException.class);
    }
}
