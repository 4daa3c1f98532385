package org.pinnerformer.core.data;

import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import org.pinnerformer.api.Vocabulary;

/**
 * A data set ready for the pipeline: the item catalogue (with titles and categories where the data has them),
 * every user's timeline (which carries the action-type and surface vocabularies and the positive action
 * types), and the report of what was read, skipped and dropped.
 *
 * <p>Loaders ({@link MovieLens}, {@link Taobao}, {@link SequenceFile}) return a data set without content
 * vectors: its catalogue holds a placeholder vector of one zero per item and {@link #hasContentVectors()} is
 * false. Choose a training period and call {@link #withCoEngagementVectors}, or supply vectors with
 * {@link #withVectors}; the timelines stay valid because item indexes do not change.
 *
 * @param name a short name for messages ("ml-latest-small")
 * @param catalog the items; timelines index into it
 * @param timelines every user's actions, sorted by time, exact duplicates removed
 * @param report what was read, skipped and dropped
 * @param hasContentVectors whether the catalogue holds real content vectors
 */
public record Dataset(String name, ItemCatalog catalog, Timelines timelines, ReadReport report,
        boolean hasContentVectors) {

    /** Validates every field. */
    public Dataset {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(catalog, "catalog");
        Objects.requireNonNull(timelines, "timelines");
        Objects.requireNonNull(report, "report");
    }

    /**
     * Maps read actions to a catalogue and vocabularies and builds the timelines. Actions out of vocabulary or
     * outside the catalogue, and exact duplicates, are dropped and counted in the returned report.
     */
    public static Dataset assemble(String name, ItemCatalog catalog, ActionTable actions, Vocabulary actionTypes,
            Vocabulary surfaces, Set<String> positiveActionTypes, ReadReport report) {
        TimelinesBuilder b = new TimelinesBuilder(catalog, actionTypes, surfaces, positiveActionTypes);
        actions.addTo(b);
        Timelines t = b.build();
        return new Dataset(name, catalog, t, report.withDropped(b.dropped()), false);
    }

    /** The action types, in index order. */
    public Vocabulary actionTypes() {
        return timelines.actionTypes();
    }

    /** The surfaces, in index order. */
    public Vocabulary surfaces() {
        return timelines.surfaces();
    }

    /** The action types that count as positive engagement, in vocabulary order. */
    public Set<String> positiveActionTypes() {
        Set<String> s = new LinkedHashSet<>();
        Vocabulary v = timelines.actionTypes();
        for (int i = 0; i < v.size(); i++) {
            if (timelines.isPositiveType(i)) {
                s.add(v.tokens().get(i));
            }
        }
        return s;
    }

    /**
     * This data set with content vectors learned from co-engagement in the training period only (see
     * {@link CoEngagementVectors}).
     */
    public Dataset withCoEngagementVectors(TrainingPeriod period, CoEngagementOptions options) {
        return new Dataset(name, CoEngagementVectors.apply(catalog, timelines, period, options), timelines, report,
                true);
    }

    /** This data set with supplied vectors; items without one get the zero vector. */
    public Dataset withVectors(ItemVectors vectors) {
        return new Dataset(name, vectors.applyTo(catalog), timelines, report, true);
    }
}
