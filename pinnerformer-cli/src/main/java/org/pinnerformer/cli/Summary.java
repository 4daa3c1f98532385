package org.pinnerformer.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.pinnerformer.core.data.ReadReport;
import org.pinnerformer.core.eval.MethodResult;

/**
 * The one-line JSON summaries that {@code --json} prints as the last line of stdout, written by Jackson. Every key
 * is snake_case (a metric may carry its cut-off, as in {@code recall@10}); a key in any other style fails here, so
 * that the commands cannot drift back to mixed styles. Booleans are JSON booleans, absent numbers {@code null}.
 */
final class Summary {
    /** snake_case, optionally followed by {@code @K}. */
    static final Pattern KEY = Pattern.compile("[a-z][a-z0-9]*(_[a-z0-9]+)*(@[0-9]+)?");
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final ObjectNode root = MAPPER.createObjectNode();

    Summary(String command) {
        field("command", command);
    }

    Summary field(String name, String value) {
        root.put(key(name), value);
        return this;
    }

    Summary field(String name, long value) {
        root.put(key(name), value);
        return this;
    }

    Summary field(String name, boolean value) {
        root.put(key(name), value);
        return this;
    }

    Summary field(String name, long[] values) {
        ArrayNode array = root.putArray(key(name));
        for (long v : values) {
            array.add(v);
        }
        return this;
    }

    /** A finite number, or null when it is NaN (nothing measured). */
    Summary field(String name, double value) {
        if (Double.isFinite(value)) {
            root.put(key(name), value);
        } else {
            root.putNull(key(name));
        }
        return this;
    }

    /** {@code "read":{"rows":N,"accepted":N,"skipped":{"reason":n,...},"dropped":{"reason":n,...}}}, non-zero reasons. */
    Summary read(ReadReport report) {
        ObjectNode read = root.putObject(key("read"));
        read.put("rows", report.rows());
        read.put("accepted", report.accepted());
        counts(read.putObject("skipped"), report.skipped());
        counts(read.putObject("dropped"), report.dropped());
        return this;
    }

    private static void counts(ObjectNode node, Map<? extends Enum<?>, Long> counts) {
        for (Map.Entry<? extends Enum<?>, Long> e : counts.entrySet()) {
            if (e.getValue() > 0) {
                node.put(e.getKey().name().toLowerCase(Locale.ROOT), e.getValue());
            }
        }
    }

    /** {@code "results":[{"method":..,"recall":..,"p90_coverage":..,"users":..},...]}. */
    Summary results(List<MethodResult> results) {
        ArrayNode array = root.putArray(key("results"));
        for (MethodResult r : results) {
            ObjectNode row = array.addObject();
            row.put("method", r.method());
            number(row, "recall", r.recall());
            number(row, "p90_coverage", r.coverage());
            row.put("users", r.users());
        }
        return this;
    }

    private static void number(ObjectNode node, String name, double value) {
        if (Double.isFinite(value)) {
            node.put(name, value);
        } else {
            node.putNull(name);
        }
    }

    @Override
    public String toString() {
        try {
            return MAPPER.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not write a JSON summary: " + e.getMessage(), e);
        }
    }

    private static String key(String name) {
        if (!KEY.matcher(name).matches()) {
            throw new IllegalArgumentException("JSON keys are snake_case, was '" + name + "'");
        }
        return name;
    }
}
