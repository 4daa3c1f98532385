package org.pinnerformer.core.eval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import org.pinnerformer.api.IoErrors;
import org.pinnerformer.core.data.ReadReport;

/**
 * Results as JSON ({@code results.json}), written by Jackson with snake_case keys: the protocol (data set, cut,
 * window, index, mode, users considered, evaluated and skipped) and one object per method. An absent entropy is
 * {@code null}, booleans are JSON booleans, and no NaN or infinity is ever written.
 */
public final class ResultJson {
    /** Pretty-printed output, as a person reads {@code results.json}. */
    static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ResultJson() {
    }

    /** The JSON document for a protocol and its results. */
    public static String toJson(EvalProtocol protocol, List<MethodResult> results) {
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(results, "results");
        EvalOptions o = protocol.options();
        EvalExamples e = protocol.examples();
        ObjectNode doc = MAPPER.createObjectNode();
        doc.put("dataset", protocol.dataset().name());
        read(doc.putObject("read"), protocol.dataset().report());
        ObjectNode p = doc.putObject("protocol");
        p.put("cut", protocol.cutPolicy().describe());
        p.put("window_days", o.windowDays());
        p.put("k", o.k());
        p.put("entropy_depth", o.entropyDepth());
        p.put("index", o.index().describe());
        p.put("index_size", protocol.indexSize());
        p.put("mode", o.mode().name().toLowerCase(Locale.ROOT));
        p.put("exclude_seen", o.excludeSeen());
        p.put("seed", o.seed());
        ObjectNode u = doc.putObject("users");
        u.put("candidates", e.candidates());
        u.put("evaluated", e.size());
        u.put("skipped_no_history", e.skippedNoHistory());
        u.put("skipped_no_positive", e.skippedNoPositive());
        u.put("positives", e.positiveCount());
        ArrayNode rows = doc.putArray("results");
        for (MethodResult r : results) {
            ObjectNode row = rows.addObject();
            row.put("method", r.method());
            row.put("mode", r.mode().name().toLowerCase(Locale.ROOT));
            row.put("users", r.users());
            row.put("positives", r.positives());
            row.put("recall", number(r.recall()));
            row.put("pooled_recall", number(r.pooledRecall()));
            row.put("p90_coverage", number(r.coverage()));
            OptionalDouble entropy = r.entropy();
            if (entropy.isPresent()) {
                row.put("interest_entropy", number(entropy.getAsDouble()));
            } else {
                row.putNull("interest_entropy");
            }
            row.put("queries", r.queries());
            row.put("seconds", number(r.seconds()));
        }
        return write(doc);
    }

    /**
     * What reading the data set lost: {@code {"rows": 104519, "accepted": 104519, "blank_lines": 0, "skipped": {},
     * "dropped": {"duplicate": 3}, "examples": []}}; only non-zero reasons are listed, in lower case.
     */
    static void read(ObjectNode node, ReadReport r) {
        node.put("rows", r.rows());
        node.put("accepted", r.accepted());
        node.put("blank_lines", r.blankLines());
        counts(node.putObject("skipped"), r.skipped());
        counts(node.putObject("dropped"), r.dropped());
        ArrayNode examples = node.putArray("examples");
        r.examples().forEach(examples::add);
    }

    private static void counts(ObjectNode node, Map<? extends Enum<?>, Long> counts) {
        for (Map.Entry<? extends Enum<?>, Long> e : counts.entrySet()) {
            if (e.getValue() > 0) {
                node.put(e.getKey().name().toLowerCase(Locale.ROOT), e.getValue());
            }
        }
    }

    /** Writes {@link #toJson} to a file in UTF-8. */
    public static void write(Path file, EvalProtocol protocol, List<MethodResult> results) {
        Objects.requireNonNull(file, "file");
        try {
            Files.writeString(file, toJson(protocol, results), StandardCharsets.UTF_8);
        } catch (IOException ex) {
            throw IoErrors.unchecked("could not write evaluation results to " + file, ex);
        }
    }

    /** A JSON number; a non-finite value is a programming error (results are validated). */
    static double number(double v) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException("a JSON number must be finite, was " + v);
        }
        return v;
    }

    private static String write(ObjectNode doc) {
        try {
            return MAPPER.writeValueAsString(doc) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not write results as JSON: " + e.getMessage(), e);
        }
    }
}
