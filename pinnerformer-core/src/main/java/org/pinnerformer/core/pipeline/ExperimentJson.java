package org.pinnerformer.core.pipeline;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.pinnerformer.core.eval.ResultJson;
import org.pinnerformer.core.train.TrainingResult;
import org.pinnerformer.core.train.ValidationPoint;

/**
 * An experiment as JSON ({@code results.json}):
 * <pre>
 * {"model": "...",
 *  "evaluation": { the document of {@link ResultJson#toJson} },
 *  "training": {"steps": 300, "bestStep": 250, "bestValidationRecall": 0.05, "stoppedEarly": false,
 *               "seconds": 120.5, "losses": [...], "validations": [{"step": 25, "recall": 0.03, "meanLoss": 7.1}]}}
 * </pre>
 * {@code bestValidationRecall} is {@code null} when nothing was validated; no NaN or infinity is ever written.
 */
public final class ExperimentJson {
    private ExperimentJson() {
    }

    /** The JSON document of an experiment's result. */
    public static String toJson(ExperimentResult result) {
        Objects.requireNonNull(result, "result");
        TrainingResult t = result.training();
        StringBuilder sb = new StringBuilder();
        sb.append("{\n\"model\": ").append(string(result.modelName()));
        sb.append(",\n\"evaluation\": ").append(ResultJson.toJson(result.protocol(), result.results()).strip());
        sb.append(",\n\"training\": {\"steps\": ").append(t.steps());
        sb.append(", \"bestStep\": ").append(t.bestStep());
        sb.append(", \"bestValidationRecall\": ").append(Double.isNaN(t.bestScore()) ? "null" : number(t.bestScore()));
        sb.append(", \"stoppedEarly\": ").append(t.stoppedEarly());
        sb.append(", \"seconds\": ").append(number(t.seconds()));
        sb.append(",\n  \"losses\": [");
        float[] losses = t.losses();
        for (int i = 0; i < losses.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(number(losses[i]));
        }
        sb.append("],\n  \"validations\": [");
        List<ValidationPoint> v = t.validations();
        for (int i = 0; i < v.size(); i++) {
            ValidationPoint p = v.get(i);
            sb.append(i == 0 ? "" : ", ").append("{\"step\": ").append(p.step()).append(", \"recall\": ")
                    .append(number(p.score())).append(", \"meanLoss\": ").append(number(p.meanLoss())).append('}');
        }
        sb.append("]}\n}\n");
        return sb.toString();
    }

    private static String number(double v) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException("a JSON number must be finite, was " + v);
        }
        return Double.toString(v);
    }

    /** A JSON string literal (RFC 8259 escapes). */
    static String string(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.append('"').toString();
    }
}
