package org.pinnerformer.cli;

import java.util.Locale;
import org.pinnerformer.api.objective.AllAction;
import org.pinnerformer.api.objective.DenseAllAction;
import org.pinnerformer.api.objective.NextAction;
import org.pinnerformer.api.objective.Objective;
import org.pinnerformer.api.objective.SasRec;
import picocli.CommandLine;

/**
 * Parses {@code --objective}: {@code next-action}, {@code sasrec}, {@code all-action} or {@code dense-all-action}
 * (the windowed objectives with their default window of 28 days; {@code --window-days} changes it).
 */
final class ObjectiveConverter implements CommandLine.ITypeConverter<Objective> {
    /** The accepted names. */
    static final String NAMES = "next-action, sasrec, all-action, dense-all-action";

    @Override
    public Objective convert(String value) {
        return parse(value, 28);
    }

    /** The objective of that name with a window of {@code windowDays}. */
    static Objective parse(String value, double windowDays) {
        switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "next-action":
                return new NextAction();
            case "sasrec":
                return new SasRec();
            case "all-action":
                return new AllAction(windowDays, 32);
            case "dense-all-action":
                return new DenseAllAction(windowDays, 32);
            default:
                throw new CommandLine.TypeConversionException("unknown objective '" + value + "'; expected one of "
                        + NAMES);
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
