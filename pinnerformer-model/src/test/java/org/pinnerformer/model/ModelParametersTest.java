package org.pinnerformer.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pinnerformer.api.Checkpoint;
import org.pinnerformer.api.CheckpointException;
import org.pinnerformer.api.FloatTensor;
import org.pinnerformer.api.ModelSpec;

class ModelParametersTest {
    private static final ModelSpec SPEC = Fixtures.smallSpec();

    @Test
    void shapesFollowTheSpecAndTheVocabularies() {
        ModelParameters p = ModelParameters.of(SPEC, Fixtures.ACTIONS, Fixtures.SURFACES);
        assertThat(p.shape("action_embedding.weight")).containsExactly(4, 3);
        assertThat(p.shape("surface_embedding.weight")).containsExactly(3, 2);
        assertThat(p.shape("item_id_embedding.weight")).containsExactly(5, 6);
        assertThat(p.shape("time_phase")).containsExactly(2 * SPEC.timeAngleCount());
        assertThat(p.shape("input_projection.weight")).containsExactly(8, SPEC.inputSize());
        assertThat(p.shape("blocks.1.attention.in_proj_weight")).containsExactly(24, 8);
        assertThat(p.shape("blocks.1.ffn.2.weight")).containsExactly(8, 32);
        assertThat(p.shape("output_mlp.2.weight")).containsExactly(4, 32);
        assertThat(p.shape("temperature")).isEmpty();
        assertThat(p.contains("blocks.2.norm1.weight")).isFalse();
        ModelParameters bare = ModelParameters.of(SPEC.toBuilder().actionEmbeddingSize(0).itemIdHashBuckets(0)
                .timeFeatures(false).positionEmbedding(false).build(), Fixtures.ACTIONS, Fixtures.SURFACES);
        assertThat(bare.names()).doesNotContain("action_embedding.weight", "item_id_embedding.weight", "time_phase",
                "position_embedding.weight").contains("surface_embedding.weight");
        assertThatThrownBy(() -> bare.shape("time_phase")).hasMessageStartingWith(
                "the model has no parameter 'time_phase'");
    }

    @Test
    void initialCheckpointIsValidSeededAndRoundTripsThroughAFile(@TempDir Path dir) {
        Checkpoint ck = ModelInitializer.initialize(SPEC, Fixtures.ACTIONS, Fixtures.SURFACES, 3);
        CheckpointValidator.validate(ck);
        assertThat(ModelInitializer.initialize(SPEC, Fixtures.ACTIONS, Fixtures.SURFACES, 3).id()).isEqualTo(ck.id());
        assertThat(ModelInitializer.initialize(SPEC, Fixtures.ACTIONS, Fixtures.SURFACES, 4).id())
                .isNotEqualTo(ck.id());
        FloatTensor actions = ck.tensor("action_embedding.weight");
        for (int i = 0; i < 3; i++) {
            assertThat(actions.get(i)).as("padding row").isZero();
        }
        assertThat(ck.tensor("blocks.0.norm1.weight").toArray()).containsOnly(1f);
        assertThat(ck.tensor("blocks.0.norm1.bias").toArray()).containsOnly(0f);
        double bound = 1 / Math.sqrt(8);
        for (float v : ck.tensor("blocks.0.ffn.0.weight").toArray()) {
            assertThat(Math.abs(v)).isLessThanOrEqualTo((float) bound);
        }
        double tau = 0.01 + Math.log1p(Math.exp(ck.tensor("temperature").get(0)));
        assertThat(tau).isCloseTo(0.05, within(1e-6));
        Path file = dir.resolve("init.safetensors");
        ck.write(file);
        Checkpoint back = Checkpoint.read(file);
        CheckpointValidator.validate(back);
        assertThat(back.tensors()).isEqualTo(ck.tensors());
        assertThat(back.spec()).isEqualTo(SPEC);
    }

    @Test
    void validatorNamesMissingMisshapenExtraAndNonFiniteTensors() {
        Checkpoint ck = ModelInitializer.initialize(SPEC, Fixtures.ACTIONS, Fixtures.SURFACES, 3);
        Map<String, FloatTensor> t = new TreeMap<>(ck.tensors());
        t.remove("output_norm.bias");
        t.put("blocks.0.ffn.0.bias", FloatTensor.zeros(31));
        t.put("blocks.0.norm2.bias", new FloatTensor(new int[] {8}, new float[] {Float.NaN, 0, 0, 0, 0, 0, 0, 0}));
        t.put("extra.weight", FloatTensor.zeros(2, 2));
        assertThatThrownBy(() -> CheckpointValidator.validate(ck.withTensors(t)))
                .isInstanceOf(CheckpointException.class)
                .hasMessage("the checkpoint does not fit its model spec: "
                        + "tensor 'blocks.0.norm2.bias' holds NaN or infinite values; "
                        + "tensor 'blocks.0.ffn.0.bias' must have shape [32], has [31]; "
                        + "tensor 'output_norm.bias' [8] is missing; "
                        + "tensor 'extra.weight' [2, 2] is not a parameter of this model");
    }

    /** The rows of the parameter table in docs/checkpoint.md: name and shape, in order. */
    private static List<List<String>> documentedRows() throws IOException {
        Path doc = Path.of("..", "docs", "checkpoint.md");
        List<List<String>> rows = new ArrayList<>();
        for (String line : Files.readAllLines(doc)) {
            if (line.startsWith("| `")) {
                String[] cells = line.split("\\|");
                rows.add(List.of(cells[1].trim().replace("`", ""), cells[2].trim().replace("`", ""),
                        cells[3].trim()));
            }
        }
        return rows;
    }

    @Test
    void theDocumentedTableIsTheParameterTable() throws IOException {
        List<List<String>> expected = ModelParameters.table().stream()
                .map(r -> List.of(r.name(), r.shape(), r.presentWhen())).toList();
        assertThat(documentedRows()).containsExactlyElementsOf(expected);
    }
}
