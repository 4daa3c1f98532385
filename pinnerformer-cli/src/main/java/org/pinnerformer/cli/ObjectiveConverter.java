package org.pinnerformer.cli;

import org.pinnerformer.api.objective.AllAction;
import org.pinnerformer.api.objective.DenseAllAction;
import org.pinnerformer.api.objective.Objective;
import picocli.CommandLine;

/**
 * Parses {@code --objective}: {@code next-action}, {@code sasrec}, {@code all-action} or {@code dense-all-action}
 * (the windowed objectives with their default window of 28 days; {@code --window-days} changes it).
 */
final class ObjectiveConverter implements CommandLine.ITypeConverter<Objective> {
    /** The accepted names. */
    static final String NAMES = Objective.NAMES;

    @Override
    public Objective convert(String value) {
        return parse(value, 28);
    }

    /** The objective of that name with a window of {@code windowDays}. */
    static Objective parse(String value, double windowDays) {
        try {
            return Objective.byName(value, windowDays);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }

    /** The same objective with another window, for the windowed ones. */
    static Objective withWindow(Objective o, double windowDays) {
        if (o instanceof AllAction a) {
            return new AllAction(windowDays, a.maxLabels());
        }
        if (o instanceof DenseAllAction d) {
            return new DenseAllAction(windowDays, d.anchorsPerSequence());
        }
        return o;
    }
}
