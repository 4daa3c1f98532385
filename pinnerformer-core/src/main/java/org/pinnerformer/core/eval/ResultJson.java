package org.pinnerformer.core.eval;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalDouble;
import org.pinnerformer.api.IoErrors;
import org.pinnerformer.core.data.ReadReport;
import org.pinnerformer.core.data.SkipReason;
import org.pinnerformer.core.data.TimelinesBuilder;

/**
 * Results as JSON ({@code results.json}): the protocol (data set, cut, window, index, mode, users considered,
 * evaluated and skipped) and one object per method. Written by hand (core has no JSON dependency); strings are
 * escaped per RFC 8259, an absent entropy is {@code null}, and no NaN or infinity is ever written.
 */
public final class ResultJson {
    private ResultJson() {
    }

    /** The JSON document for a protocol and its results. */
    public static String toJson(EvalProtocol protocol, List<MethodResult> results) {
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(results, "results");
        EvalOptions o = protocol.options();
        EvalExamples e = protocol.examples();
        StringBuilder sb = new StringBuilder();
        sb.append("{\n  \"dataset\": ").append(string(protocol.dataset().name()));
        sb.append(",\n  \"read\": ").append(read(protocol.dataset().report()));
        sb.append(",\n  \"protocol\": {");
        sb.append("\"cut\": ").append(string(protocol.cutPolicy().describe()));
        sb.append(", \"windowDays\": ").append(o.windowDays());
        sb.append(", \"k\": ").append(o.k());
        sb.append(", \"entropyDepth\": ").append(o.entropyDepth());
        sb.append(", \"index\": ").append(string(o.index().describe()));
        sb.append(", \"indexSize\": ").append(protocol.indexSize());
        sb.append(", \"mode\": ").append(string(o.mode().name().toLowerCase(Locale.ROOT)));
        sb.append(", \"excludeSeen\": ").append(o.excludeSeen());
        sb.append(", \"seed\": ").append(o.seed());
        sb.append("},\n  \"users\": {");
        sb.append("\"candidates\": ").append(e.candidates());
        sb.append(", \"evaluated\": ").append(e.size());
        sb.append(", \"skippedNoHistory\": ").append(e.skippedNoHistory());
        sb.append(", \"skippedNoPositive\": ").append(e.skippedNoPositive());
        sb.append(", \"positives\": ").append(e.positiveCount());
        sb.append("},\n  \"results\": [");
        for (int i = 0; i < results.size(); i++) {
            MethodResult r = results.get(i);
            sb.append(i == 0 ? "\n    {" : ",\n    {");
            sb.append("\"method\": ").append(string(r.method()));
            sb.append(", \"mode\": ").append(string(r.mode().name().toLowerCase(Locale.ROOT)));
            sb.append(", \"users\": ").append(r.users());
            sb.append(", \"positives\": ").append(r.positives());
            sb.append(", \"recall\": ").append(number(r.recall()));
            sb.append(", \"pooledRecall\": ").append(number(r.pooledRecall()));
            sb.append(", \"p90Coverage\": ").append(number(r.coverage()));
            sb.append(", \"interestEntropy\": ").append(number(r.entropy()));
            sb.append(", \"queries\": ").append(r.queries());
            sb.append(", \"seconds\": ").append(number(r.seconds()));
            sb.append('}');
        }
        sb.append(results.isEmpty() ? "]\n}\n" : "\n  ]\n}\n");
        return sb.toString();
    }

    /**
     * What reading the data set lost: {@code {"rows": 104519, "accepted": 104519, "blankLines": 0, "skipped": {},
     * "dropped": {"duplicate": 3}, "examples": []}}; only non-zero reasons are listed, in lower case.
     */
    static String read(ReadReport r) {
        StringBuilder sb = new StringBuilder("{\"rows\": ").append(r.rows());
        sb.append(", \"accepted\": ").append(r.accepted());
        sb.append(", \"blankLines\": ").append(r.blankLines());
        sb.append(", \"skipped\": {");
        String sep = "";
        for (Map.Entry<SkipReason, Long> e : r.skipped().entrySet()) {
            if (e.getValue() > 0) {
                sb.append(sep).append(string(e.getKey().name().toLowerCase(Locale.ROOT))).append(": ")
                        .append(e.getValue());
                sep = ", ";
            }
        }
        sb.append("}, \"dropped\": {");
        sep = "";
        for (Map.Entry<TimelinesBuilder.DropReason, Long> e : r.dropped().entrySet()) {
            if (e.getValue() > 0) {
                sb.append(sep).append(string(e.getKey().name().toLowerCase(Locale.ROOT))).append(": ")
                        .append(e.getValue());
                sep = ", ";
            }
        }
        sb.append("}, \"examples\": [");
        List<String> examples = r.examples();
        for (int i = 0; i < examples.size(); i++) {
            sb.append(i == 0 ? "" : ", ").append(string(examples.get(i)));
        }
        return sb.append("]}").toString();
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

    /** A JSON string literal. */
    static String string(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                default -> {
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                        sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }

    /** A JSON number; a non-finite value is a programming error (results are validated). */
    static String number(double v) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException("a JSON number must be finite, was " + v);
        }
        return Double.toString(v);
    }

    private static String number(OptionalDouble v) {
        return v.isPresent() ? number(v.getAsDouble()) : "null";
    }
}
