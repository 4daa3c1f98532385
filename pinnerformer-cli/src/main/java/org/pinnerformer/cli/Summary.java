package org.pinnerformer.cli;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.pinnerformer.core.data.ReadReport;
import org.pinnerformer.core.eval.MethodResult;

/** The one-line JSON summaries that {@code --json} prints as the last line of stdout. */
final class Summary {
    private final StringBuilder sb = new StringBuilder("{");

    Summary(String command) {
        field("command", command);
    }

    Summary field(String name, String value) {
        key(name).append(string(value));
        return this;
    }

    Summary field(String name, long value) {
        key(name).append(value);
        return this;
    }

    Summary field(String name, long[] values) {
        key(name).append('[');
        for (int i = 0; i < values.length; i++) {
            sb.append(i == 0 ? "" : ",").append(values[i]);
        }
        sb.append(']');
        return this;
    }

    /** A finite number, or null when it is NaN (nothing measured). */
    Summary field(String name, double value) {
        key(name).append(Double.isFinite(value) ? Double.toString(value) : "null");
        return this;
    }

    /** {@code "read":{"rows":N,"accepted":N,"skipped":{"reason":n,...},"dropped":{"reason":n,...}}}, non-zero reasons. */
    Summary read(ReadReport report) {
        key("read").append("{\"rows\":").append(report.rows()).append(",\"accepted\":").append(report.accepted())
                .append(",\"skipped\":");
        counts(report.skipped());
        sb.append(",\"dropped\":");
        counts(report.dropped());
        sb.append('}');
        return this;
    }

    private void counts(Map<? extends Enum<?>, Long> counts) {
        sb.append('{');
        String sep = "";
        for (Map.Entry<? extends Enum<?>, Long> e : counts.entrySet()) {
            if (e.getValue() > 0) {
                sb.append(sep).append(string(e.getKey().name().toLowerCase(Locale.ROOT))).append(':')
                        .append(e.getValue());
                sep = ",";
            }
        }
        sb.append('}');
    }

    Summary results(List<MethodResult> results) {
        key("results").append('[');
        for (int i = 0; i < results.size(); i++) {
            MethodResult r = results.get(i);
            sb.append(i == 0 ? "" : ",").append("{\"method\":").append(string(r.method()))
                    .append(",\"recall\":").append(r.recall())
                    .append(",\"p90Coverage\":").append(r.coverage())
                    .append(",\"users\":").append(r.users()).append('}');
        }
        sb.append(']');
        return this;
    }

    @Override
    public String toString() {
        return sb + "}";
    }

    private StringBuilder key(String name) {
        return sb.append(sb.length() == 1 ? "" : ",").append(string(name)).append(':');
    }

    static String string(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
