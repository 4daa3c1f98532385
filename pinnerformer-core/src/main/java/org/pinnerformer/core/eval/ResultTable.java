package org.pinnerformer.core.eval;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Results as a Markdown table, one row per method:
 * {@code | method | users | recall@K | P90 coverage@K | entropy@D | time (s) |}. An absent entropy (items
 * without categories) is shown as {@code -}. Numbers use a dot as the decimal separator whatever the locale.
 */
public final class ResultTable {
    private ResultTable() {
    }

    /** The table of some results; K and D are taken from the first result (10 and 50 when there is none). */
    public static String markdown(List<MethodResult> results) {
        Objects.requireNonNull(results, "results");
        int k = results.isEmpty() ? 10 : results.get(0).k();
        int depth = results.isEmpty() ? 50 : results.get(0).entropyDepth();
        StringBuilder sb = new StringBuilder();
        sb.append("| method | users | recall@").append(k).append(" | P90 coverage@").append(k).append(" | entropy@")
                .append(depth).append(" | time (s) |\n");
        sb.append("|---|---:|---:|---:|---:|---:|\n");
        for (MethodResult r : results) {
            String name = r.method().replace("|", "\\|");
            if (r.mode() != InferenceMode.ONCE) {
                name += " (" + r.mode().name().toLowerCase(Locale.ROOT) + ")";
            }
            sb.append("| ").append(name)
                    .append(" | ").append(r.users())
                    .append(" | ").append(String.format(Locale.ROOT, "%.4f", r.recall()))
                    .append(" | ").append(String.format(Locale.ROOT, "%.4f", r.coverage()))
                    .append(" | ").append(r.entropy().isPresent()
                            ? String.format(Locale.ROOT, "%.3f", r.entropy().getAsDouble()) : "-")
                    .append(" | ").append(String.format(Locale.ROOT, "%.2f", r.seconds()))
                    .append(" |\n");
        }
        return sb.toString();
    }
}
