package org.pinnerformer.core.pipeline;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.pinnerformer.core.eval.LeaveLastOutResult;
import org.pinnerformer.core.train.TrainingResult;

/**
 * What {@link NextItemExperiment#run} measured: the training run and one leave-last-out row per method, the
 * model's first.
 *
 * @param dataset the data set's name
 * @param modelName the model's row name
 * @param training the training run (its validation scores are NDCG@K of the validation users)
 * @param results the model's row, then the baselines'
 */
public record NextItemResult(String dataset, String modelName, TrainingResult training,
        List<LeaveLastOutResult> results) {

    /** Validates and copies. */
    public NextItemResult {
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(modelName, "modelName");
        Objects.requireNonNull(training, "training");
        results = List.copyOf(results);
        if (results.isEmpty() || !results.get(0).method().equals(modelName)) {
            throw new IllegalArgumentException("the first result must be the model's, " + modelName);
        }
    }

    /** The model's row. */
    public LeaveLastOutResult model() {
        return results.get(0);
    }

    /**
     * The result table in Markdown: method, Recall@K (= HR@K), NDCG@K, Recall@1, users, skipped, and training
     * seconds (the model's row only).
     */
    public String markdown() {
        int k = model().k();
        StringBuilder sb = new StringBuilder();
        sb.append("| method | recall@").append(k).append(" | ndcg@").append(k)
                .append(" | recall@1 | users | skipped | train (s) |\n");
        sb.append("|---|---:|---:|---:|---:|---:|---:|\n");
        for (LeaveLastOutResult r : results) {
            sb.append(String.format(Locale.ROOT, "| %s | %.4f | %.4f | %.4f | %d | %d | %s |%n", r.method(),
                    r.hitRate(), r.ndcg(), r.hitRateAt1(), r.users(), r.skipped(),
                    r == model() ? String.format(Locale.ROOT, "%.1f", training.seconds()) : "-"));
        }
        return sb.toString();
    }
}
