package org.pinnerformer.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.pinnerformer.api.ProgressListener;
import org.pinnerformer.api.objective.TrainingOptions;
import org.pinnerformer.core.eval.EvalOptions;
import org.pinnerformer.core.train.TrainingListener;

class ExperimentJsonTest {
    @Test
    void holdsTheEvaluationAndTheTrainingCurvesUnderSnakeCaseKeys() throws Exception {
        Experiment e = Experiment.prepare(PipelineFixtures.clustered(60, 2), PipelineFixtures.tinySpec(),
                ExperimentOptions.defaults(4).withEval(EvalOptions.defaults(4).withThreads(1)));
        TrainingOptions training = TrainingOptions.builder().batchSize(4).steps(4).warmupSteps(0).evaluateEvery(2)
                .seed(1).build();
        try (PipelineFixtures.FakeTrainingBackend backend = new PipelineFixtures.FakeTrainingBackend()) {
            ExperimentResult r = e.run(backend, training, TrainingListener.none(), ProgressListener.none());
            String text = r.json();
            assertThat(text).doesNotContain("NaN").endsWith("}\n");
            JsonNode json = new ObjectMapper().readTree(text);
            assertThat(json.get("model").asText()).isEqualTo("pinnerformer/" + training.objective().name());
            assertThat(json.get("evaluation").get("dataset").asText()).isEqualTo("clustered");
            JsonNode t = json.get("training");
            assertThat(t.get("steps").asInt()).isEqualTo(4);
            assertThat(t.get("best_step").asLong()).isEqualTo(r.training().bestStep());
            assertThat(t.get("best_validation_recall").asDouble()).isEqualTo(r.training().bestScore());
            assertThat(t.get("stopped_early").isBoolean()).isTrue();
            assertThat(t.get("stopped_early").asBoolean()).isFalse();
            assertThat(t.get("losses").toString()).isEqualTo("[1.0,0.5,0.3333333432674408,0.25]");
            assertThat(t.get("validations").get(0).toString()).isEqualTo("{\"step\":2,\"recall\":"
                    + r.training().validations().get(0).score() + ",\"mean_loss\":0.75}");
            assertThat(json.get("evaluation").get("results").findValuesAsText("method")).contains("popularity");
        }
    }
}
