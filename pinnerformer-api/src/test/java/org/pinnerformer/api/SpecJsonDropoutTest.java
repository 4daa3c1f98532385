package org.pinnerformer.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpecJsonDropoutTest {
    private static final ModelSpec DROPOUT = ModelSpec.smallPreset().toBuilder().inputDropout(0.1)
            .attentionDropout(0.2).residualDropout(0.3).build();

    @TempDir
    Path dir;

    /** The spec JSON of a checkpoint written before dropout existed, verbatim in form. */
    private static final String OLD_SPEC = "{\"item_vector_size\":64,\"action_embedding_size\":16,"
            + "\"surface_embedding_size\":8,\"hidden_size\":128,\"layers\":2,\"heads\":4,\"max_sequence_length\":64,"
            + "\"output_size\":64,\"item_id_hash_buckets\":0,\"time_features\":true,\"duration_feature\":true,"
            + "\"position_embedding\":true,\"absolute_periods_seconds\":[3600.0,86400.0],"
            + "\"relative_periods_seconds\":[60.0],\"layer_norm_epsilon\":1.0E-5}";

    @Test
    void aSpecWithoutTheDropoutKeysLoadsWithRatesZero() throws IOException {
        ModelSpec s = SpecJson.specFromJson(new ObjectMapper().readTree(OLD_SPEC));
        assertThat(s.inputDropout()).isZero();
        assertThat(s.attentionDropout()).isZero();
        assertThat(s.residualDropout()).isZero();
        assertThat(s.hasDropout()).isFalse();
        assertThat(s.hiddenSize()).isEqualTo(128);
    }

    @Test
    void aSpecWithoutDropoutWritesNoDropoutKeys() {
        ObjectNode json = SpecJson.specToJson(ModelSpec.smallPreset());
        assertThat(json.has("input_dropout") || json.has("attention_dropout") || json.has("residual_dropout"))
                .isFalse();
        assertThat(SpecJson.specFromJson(json)).isEqualTo(ModelSpec.smallPreset());
    }

    @Test
    void dropoutRatesRoundTripThroughTheJsonAndACheckpointFile() {
        ObjectNode json = SpecJson.specToJson(DROPOUT);
        assertThat(json.get("input_dropout").doubleValue()).isEqualTo(0.1);
        assertThat(json.get("attention_dropout").doubleValue()).isEqualTo(0.2);
        assertThat(json.get("residual_dropout").doubleValue()).isEqualTo(0.3);
        assertThat(SpecJson.specFromJson(json)).isEqualTo(DROPOUT);

        Checkpoint c = CheckpointTest.sample(3);
        Checkpoint withDropout = new Checkpoint(DROPOUT, c.actionTypes(), c.surfaces(), c.tensors(), c.metadata());
        Path f = dir.resolve("dropout.safetensors");
        withDropout.write(f);
        assertThat(Checkpoint.read(f).spec()).isEqualTo(DROPOUT);
    }

    @Test
    void aMistypedOrOutOfRangeRateIsRefusedByName() throws IOException {
        ObjectNode text = (ObjectNode) new ObjectMapper().readTree(OLD_SPEC);
        text.put("attention_dropout", "high");
        assertThatThrownBy(() -> SpecJson.specFromJson(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("spec field 'attention_dropout' must be a number, was \"high\"");
        ObjectNode one = (ObjectNode) new ObjectMapper().readTree(OLD_SPEC);
        one.put("residual_dropout", 1.0);
        assertThatThrownBy(() -> SpecJson.specFromJson(one)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("residualDropout must be >= 0 and < 1, was 1.0");
    }

    @Test
    void ratesAreValidatedAndTakePartInEqualityAndToString() {
        assertThatThrownBy(() -> ModelSpec.builder().inputDropout(-0.1).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("inputDropout must be >= 0 and < 1, was -0.1");
        assertThatThrownBy(() -> ModelSpec.builder().attentionDropout(Double.NaN).build())
                .hasMessage("attentionDropout must be >= 0 and < 1, was NaN");
        ModelSpec all = ModelSpec.smallPreset().toBuilder().dropout(0.2).build();
        assertThat(all.inputDropout()).isEqualTo(0.2);
        assertThat(all.attentionDropout()).isEqualTo(0.2);
        assertThat(all.residualDropout()).isEqualTo(0.2);
        assertThat(all).isNotEqualTo(ModelSpec.smallPreset());
        assertThat(all.toBuilder().residualDropout(0.1).build()).isNotEqualTo(all);
        assertThat(all.toBuilder().build()).isEqualTo(all).hasSameHashCodeAs(all);
        assertThat(all.toString()).endsWith(", inputDropout=0.2, attentionDropout=0.2, residualDropout=0.2, exactItemIds=0]");
        assertThat(ModelSpec.smallPreset().toBuilder().dropout(0).build()).isEqualTo(ModelSpec.smallPreset());
    }
}
