package org.pinnerformer.core.pipeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;
import org.pinnerformer.core.eval.ResultJson;
import org.pinnerformer.core.train.TrainingResult;
import org.pinnerformer.core.train.ValidationPoint;

/**
 * An experiment as JSON ({@code results.json}), written by Jackson with snake_case keys:
 * <pre>
 * {"model": "...",
 *  "evaluation": { the document of {@link ResultJson#toJson} },
 *  "training": {"steps": 300, "best_step": 250, "best_validation_recall": 0.05, "stopped_early": false,
 *               "seconds": 120.5, "losses": [...], "validations": [{"step": 25, "recall": 0.03, "mean_loss": 7.1}]}}
 * </pre>
 * {@code best_validation_recall} is {@code null} when nothing was validated; no NaN or infinity is ever written.
 */
public final class ExperimentJson {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ExperimentJson() {
    }

    /** The JSON document of an experiment's result. */
    public static String toJson(ExperimentResult result) {
        Objects.requireNonNull(result, "result");
        TrainingResult t = result.training();
        try {
            ObjectNode doc = MAPPER.createObjectNode();
            doc.put("model", result.modelName());
            doc.set("evaluation", MAPPER.readTree(ResultJson.toJson(result.protocol(), result.results())));
            ObjectNode training = doc.putObject("training");
            training.put("steps", t.steps());
            training.put("best_step", t.bestStep());
            if (Double.isNaN(t.bestScore())) {
                training.putNull("best_validation_recall");
            } else {
                training.put("best_validation_recall", number(t.bestScore()));
            }
            training.put("stopped_early", t.stoppedEarly());
            training.put("seconds", number(t.seconds()));
            ArrayNode losses = training.putArray("losses");
            for (float loss : t.losses()) {
                losses.add(number(loss));
            }
            ArrayNode validations = training.putArray("validations");
            for (ValidationPoint p : t.validations()) {
                validations.addObject().put("step", p.step()).put("recall", number(p.score()))
                        .put("mean_loss", number(p.meanLoss()));
            }
            return MAPPER.writeValueAsString(doc) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not write the experiment as JSON: " + e.getMessage(), e);
        }
    }

    private static double number(double v) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException("a JSON number must be finite, was " + v);
        }
        return v;
    }
}
