package org.pinnerformer.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.FloatBuffer;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.pinnerformer.api.Checkpoint;
import org.pinnerformer.api.ModelSpec;
import org.pinnerformer.api.SequenceBatch;
import org.pinnerformer.spi.graph.DType;
import org.pinnerformer.spi.graph.Graph;
import org.pinnerformer.spi.graph.GraphBuilder;
import org.pinnerformer.spi.graph.GraphInput;
import org.pinnerformer.spi.graph.Node;
import org.pinnerformer.spi.graph.Op;
import org.pinnerformer.spi.graph.Shape;
import org.pinnerformer.spi.graph.Value;

class DropoutGraphsTest {
    private static final ModelSpec PLAIN = Fixtures.smallSpec();
    private static final ModelSpec DROPOUT = PLAIN.toBuilder().inputDropout(0.1).attentionDropout(0.2)
            .residualDropout(0.3).build();

    private static ModelParameters params(ModelSpec spec) {
        return ModelParameters.of(ModelInitializer.initialize(spec, Fixtures.ACTIONS, Fixtures.SURFACES, 11));
    }

    private static List<Op.Dropout> dropouts(Graph g) {
        return g.nodes().stream().map(Node::op).filter(Op.Dropout.class::isInstance).map(Op.Dropout.class::cast)
                .toList();
    }

    private static List<Double> attentionRates(Graph g) {
        return g.nodes().stream().map(Node::op).filter(Op.CausalSelfAttention.class::isInstance)
                .map(o -> ((Op.CausalSelfAttention) o).dropout()).toList();
    }

    private static Node producer(Graph g, Value v) {
        return g.nodes().stream().filter(n -> n.output().equals(v)).findFirst().orElseThrow();
    }

    private static List<Node> consumers(Graph g, Value v) {
        return g.nodes().stream().filter(n -> n.inputs().contains(v)).toList();
    }

    @Test
    void aSpecWithoutDropoutGivesALossGraphWithoutDropoutOrSeed() {
        Graph loss = PinnerFormerGraphs.loss(params(PLAIN));
        assertThat(dropouts(loss)).isEmpty();
        assertThat(attentionRates(loss)).containsOnly(0.0);
        assertThat(loss.input(GraphNames.DROPOUT_SEED)).isEmpty();
        assertThat(loss.toString()).isEqualTo(PinnerFormerGraphs.loss(params(PLAIN.toBuilder().dropout(0).build()))
                .toString());
    }

    @Test
    void theLossGraphDropsOutTheInputTheAttentionAndEveryResidualBranch() {
        Graph loss = PinnerFormerGraphs.loss(params(DROPOUT));
        GraphInput seed = loss.input(GraphNames.DROPOUT_SEED).orElseThrow();
        assertThat(seed.type().dtype()).isEqualTo(DType.INT32);
        assertThat(seed.type().shape().rank()).isZero();

        List<Node> nodes = loss.nodes().stream().filter(n -> n.op() instanceof Op.Dropout).toList();
        // one on the input, two residual branches (attention, feed-forward) per layer
        assertThat(nodes).hasSize(1 + 2 * DROPOUT.layers());
        assertThat(nodes).allSatisfy(n -> assertThat(n.input(1)).isEqualTo(seed.value()));
        Node input = nodes.get(0);
        assertThat(input.op()).isEqualTo(new Op.Dropout(0.1));
        // the input dropout follows the position embedding's add and feeds the first block
        assertThat(producer(loss, input.input(0)).op()).isInstanceOf(Op.Add.class);
        for (Node residual : nodes.subList(1, nodes.size())) {
            assertThat(residual.op()).isEqualTo(new Op.Dropout(0.3));
            Op branch = producer(loss, residual.input(0)).op();
            assertThat(branch).isInstanceOfAny(Op.CausalSelfAttention.class, Op.Linear.class);
            assertThat(consumers(loss, residual.output())).singleElement()
                    .satisfies(add -> assertThat(add.op()).isInstanceOf(Op.Add.class));
        }
        assertThat(attentionRates(loss)).hasSize(DROPOUT.layers()).containsOnly(0.2);
        assertThat(loss.nodes().stream().filter(n -> n.op() instanceof Op.CausalSelfAttention))
                .allSatisfy(n -> assertThat(n.inputs()).hasSize(7).last().isEqualTo(seed.value()));
    }

    @Test
    void aRateOfZeroAddsNoNodeForItsPosition() {
        Graph attentionOnly = PinnerFormerGraphs.loss(params(PLAIN.toBuilder().attentionDropout(0.5).build()));
        assertThat(dropouts(attentionOnly)).isEmpty();
        assertThat(attentionRates(attentionOnly)).containsOnly(0.5);

        Graph inputOnly = PinnerFormerGraphs.loss(params(PLAIN.toBuilder().inputDropout(0.5).build()));
        assertThat(dropouts(inputOnly)).containsExactly(new Op.Dropout(0.5));
        assertThat(attentionRates(inputOnly)).containsOnly(0.0);
    }

    @Test
    void inferenceGraphsNeverContainDropoutAndComputeWhatTheyDoWithout() {
        ModelParameters with = params(DROPOUT);
        ModelParameters without = params(PLAIN);
        for (Graph g : List.of(PinnerFormerGraphs.userTower(with), PinnerFormerGraphs.userTowerNewest(with),
                PinnerFormerGraphs.itemTower(with))) {
            assertThat(dropouts(g)).isEmpty();
            assertThat(attentionRates(g)).allSatisfy(rate -> assertThat(rate).isZero());
            assertThat(g.input(GraphNames.DROPOUT_SEED)).isEmpty();
        }
        assertThat(PinnerFormerGraphs.userTower(with).toString())
                .isEqualTo(PinnerFormerGraphs.userTower(without).toString());

        Checkpoint checkpoint = ModelInitializer.initialize(DROPOUT, Fixtures.ACTIONS, Fixtures.SURFACES, 11);
        Checkpoint plain = ModelInitializer.initialize(PLAIN, Fixtures.ACTIONS, Fixtures.SURFACES, 11);
        SequenceBatch batch = Fixtures.batch(DROPOUT, 4, Fixtures.randomActions(DROPOUT, 3, new SplittableRandom(5)));
        float[] a = new GraphInterpreter(PinnerFormerGraphs.userTowerNewest(with), checkpoint.tensors())
                .run(ModelInputs.sequences(DROPOUT, batch)).get(GraphNames.USER_EMBEDDING).toArray();
        float[] b = new GraphInterpreter(PinnerFormerGraphs.userTowerNewest(without), plain.tensors())
                .run(ModelInputs.sequences(PLAIN, batch)).get(GraphNames.USER_EMBEDDING).toArray();
        assertThat(a).containsExactly(b);
    }

    @Test
    void theInterpreterRefusesTheTrainingOnlyDropoutWithASentence() {
        GraphBuilder g = new GraphBuilder();
        Value x = g.data("x", DType.FLOAT32, Shape.of(3));
        Value seed = g.data(GraphNames.DROPOUT_SEED, DType.INT32, Shape.scalar());
        g.output("y", g.dropout(x, 0.25, seed));
        GraphInterpreter interpreter = new GraphInterpreter(g.build(), Map.of());
        List<ModelInput> inputs = List.of(ModelInput.of("x", FloatBuffer.wrap(new float[] {1, 2, 3}), 3),
                ModelInputs.dropoutSeed(1, 0));
        assertThatThrownBy(() -> interpreter.run(inputs))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Dropout[rate=0.25] is training-only (dropout); the interpreter runs the towers and the "
                        + "loss of a spec without dropout, the djl and tf backends train with it");
    }

    @Test
    void theStepSeedDependsOnTheTrainingSeedAndTheStepOnly() {
        int s0 = ModelInputs.dropoutSeed(42, 0).ints()[0];
        assertThat(ModelInputs.dropoutSeed(42, 0).ints()).containsExactly(s0);
        assertThat(ModelInputs.dropoutSeed(42, 0).shape()).isEmpty();
        assertThat(ModelInputs.dropoutSeed(42, 0).name()).isEqualTo(GraphNames.DROPOUT_SEED);
        assertThat(ModelInputs.dropoutSeed(42, 1).ints()[0]).isNotEqualTo(s0);
        assertThat(ModelInputs.dropoutSeed(43, 0).ints()[0]).isNotEqualTo(s0);
    }
}
