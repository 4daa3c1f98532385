package org.pinnerformer.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.pinnerformer.api.ProgressListener;
import org.pinnerformer.api.objective.TrainingOptions;
import org.pinnerformer.core.eval.EvalOptions;
import org.pinnerformer.core.train.TrainingListener;

class ExperimentJsonTest {
    @Test
    void holdsTheEvaluationAndTheTrainingCurves() {
        Experiment e = Experiment.prepare(PipelineFixtures.clustered(60, 2), PipelineFixtures.tinySpec(),
                ExperimentOptions.defaults(4).withEval(EvalOptions.defaults(4).withThreads(1)));
        TrainingOptions training = TrainingOptions.builder().batchSize(4).steps(4).warmupSteps(0).evaluateEvery(2)
                .seed(1).build();
        try (PipelineFixtures.FakeTrainingBackend backend = new PipelineFixtures.FakeTrainingBackend()) {
            ExperimentResult r = e.run(backend, training, TrainingListener.none(), ProgressListener.none());
            String json = r.json();
            assertThat(json).startsWith("{\n\"model\": \"pinnerformer/" + training.objective().name() + "\",\n"
                    + "\"evaluation\": {\n  \"dataset\": \"clustered\",")
                    .contains("\"training\": {\"steps\": 4, \"bestStep\": " + r.training().bestStep()
                            + ", \"bestValidationRecall\": " + r.training().bestScore() + ", \"stoppedEarly\": false")
                    .contains("\"losses\": [1.0, 0.5, 0.3333333432674408, 0.25]")
                    .contains("\"validations\": [{\"step\": 2, \"recall\": " + r.training().validations().get(0).score()
                            + ", \"meanLoss\": 0.75}, {\"step\": 4, ")
                    .contains("\"method\": \"popularity\"")
                    .doesNotContain("NaN")
                    .endsWith("]}\n}\n");
        }
    }

    @Test
    void escapesStrings() {
        assertThat(ExperimentJson.string("a\"b\\c\nd")).isEqualTo("\"a\\\"b\\\\c\\u000ad\"");
    }
}
