package org.pinnerformer.api;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Objects;

/**
 * What one run of the daily job published.
 *
 * @param date the day of the published snapshot
 * @param modelId the id of the model the vectors were computed with, recorded in the snapshot
 * @param backend the name of the backend that encoded
 * @param embedded users embedded from their actions
 * @param carriedOver users whose previous vector was copied (no new action since the previous run)
 * @param failed users that could not be embedded
 * @param fullRun whether everyone was embedded because there was no usable previous snapshot
 * @param store the store directory the snapshot was published in
 * @param seconds wall time of the run
 */
public record DailyJobResult(LocalDate date, String modelId, String backend, int embedded, long carriedOver,
        int failed, boolean fullRun, Path store, double seconds) {

    /** Validates. */
    public DailyJobResult {
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(modelId, "modelId");
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(store, "store");
        if (embedded < 0 || carriedOver < 0 || failed < 0) {
            throw new IllegalArgumentException("counts must be >= 0, were embedded " + embedded + ", carriedOver "
                    + carriedOver + ", failed " + failed);
        }
    }
}
