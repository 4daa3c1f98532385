package org.pinnerformer.core.inference;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * The summary of one daily run.
 *
 * @param date the day published
 * @param modelId the id of the model the new vectors were computed with (recorded in the snapshot)
 * @param backend the name of the backend that encoded
 * @param embedded users embedded from their actions
 * @param carriedOver users whose previous vector was copied
 * @param failed users that could not be embedded, with the reason
 * @param fullRun whether every user was embedded because there was no usable previous snapshot (none, or one
 *     computed with another model and {@link BatchInferenceOptions#reembedAll()})
 * @param seconds wall time of the run, publish included
 */
public record BatchInferenceResult(LocalDate date, String modelId, String backend, int embedded,
        long carriedOver, List<EmbedFailure> failed, boolean fullRun, double seconds) {

    /** Validates and copies. */
    public BatchInferenceResult {
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(modelId, "modelId");
        Objects.requireNonNull(backend, "backend");
        failed = List.copyOf(failed);
    }

    /** Users in the published snapshot. */
    public long published() {
        return embedded + carriedOver + failed.stream().filter(EmbedFailure::keptPrevious).count();
    }
}
