package org.pinnerformer.core.pipeline;

import java.util.List;
import java.util.Objects;
import org.pinnerformer.core.eval.EvalProtocol;
import org.pinnerformer.core.eval.MethodResult;
import org.pinnerformer.core.eval.ResultTable;
import org.pinnerformer.core.train.TrainingResult;

/**
 * What {@link Experiment#run} produced: the training run (curves and the kept checkpoint) and the evaluation of
 * the model next to the baselines.
 *
 * @param modelName the model's row name in {@code results}
 * @param training the training run
 * @param results the model's row first, then the baselines
 * @param protocol the evaluation protocol all rows were computed under
 */
public record ExperimentResult(String modelName, TrainingResult training, List<MethodResult> results,
        EvalProtocol protocol) {

    /** Validates and copies. */
    public ExperimentResult {
        Objects.requireNonNull(modelName, "modelName");
        Objects.requireNonNull(training, "training");
        Objects.requireNonNull(protocol, "protocol");
        results = List.copyOf(results);
        if (results.isEmpty()) {
            throw new IllegalArgumentException("results must hold at least the model's row");
        }
    }

    /** The model's row. */
    public MethodResult model() {
        return results.get(0);
    }

    /** The results as a Markdown table ({@link ResultTable}). */
    public String markdown() {
        return ResultTable.markdown(results);
    }

    /** The results and the training curves as JSON ({@link ExperimentJson}). */
    public String json() {
        return ExperimentJson.toJson(this);
    }
}
