package org.pinnerformer.core.inference;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import org.pinnerformer.api.EmbeddingStore;
import org.pinnerformer.core.data.ItemCatalog;
import org.pinnerformer.core.data.Timelines;

/**
 * What one daily run sees.
 *
 * @param date the day of the snapshot to publish
 * @param timelines the action log; only actions with a timestamp {@code <= runTime} are used
 * @param catalog the item catalogue with the item vectors the checkpoint was trained with
 * @param runTime the time of this run, epoch seconds
 * @param previousRunTime the time of the previous run, epoch seconds; empty for a first run (everyone is embedded)
 * @param previous the previous run's snapshot, whose vectors are carried over for users with no new action; empty
 *     for a first run
 */
public record DailyInput(LocalDate date, Timelines timelines, ItemCatalog catalog, double runTime,
        OptionalDouble previousRunTime, Optional<EmbeddingStore.Snapshot> previous) {

    /** Validates. */
    public DailyInput {
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(timelines, "timelines");
        Objects.requireNonNull(catalog, "catalog");
        Objects.requireNonNull(previousRunTime, "previousRunTime");
        Objects.requireNonNull(previous, "previous");
        if (!Double.isFinite(runTime)) {
            throw new IllegalArgumentException("runTime must be a finite time in epoch seconds, was " + runTime);
        }
        if (previousRunTime.isPresent() && !(previousRunTime.getAsDouble() <= runTime)) {
            throw new IllegalArgumentException("previousRunTime must be <= runTime " + runTime + ", was "
                    + previousRunTime.getAsDouble());
        }
    }

    /** A first run: everyone with an action up to {@code runTime} is embedded. */
    public static DailyInput first(LocalDate date, Timelines timelines, ItemCatalog catalog, double runTime) {
        return new DailyInput(date, timelines, catalog, runTime, OptionalDouble.empty(), Optional.empty());
    }

    /** A run after a previous one whose snapshot is {@code previous}. */
    public static DailyInput after(LocalDate date, Timelines timelines, ItemCatalog catalog, double runTime,
            double previousRunTime, EmbeddingStore.Snapshot previous) {
        return new DailyInput(date, timelines, catalog, runTime, OptionalDouble.of(previousRunTime),
                Optional.of(previous));
    }
}
