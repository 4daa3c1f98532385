package org.pinnerformer.core.data;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.pinnerformer.api.InputFormatException;

/**
 * Tracks one read of one source: turns each row problem into an {@link InputFormatException} (strict) or a
 * count with an example message (lenient), and counts rows, accepted rows and blank lines.
 */
final class ReadRecorder {
    private final String source;
    private final ReadMode mode;
    private final EnumMap<SkipReason, Long> skipped = new EnumMap<>(SkipReason.class);
    private final EnumMap<SkipReason, List<String>> examples = new EnumMap<>(SkipReason.class);
    private long rows;
    private long accepted;
    private long blankLines;

    ReadRecorder(String source, ReadMode mode) {
        this.source = Objects.requireNonNull(source, "source");
        this.mode = Objects.requireNonNull(mode, "mode");
    }

    String source() {
        return source;
    }

    void row() {
        rows++;
    }

    void accepted() {
        accepted++;
    }

    void blankLines(long n) {
        blankLines += n;
    }

    /**
     * Records a problem with a row.
     *
     * @param field the field name, or an empty string when the whole line is at fault
     * @throws InputFormatException in strict mode
     */
    void problem(long line, String field, SkipReason reason, String problem) {
        InputFormatException e = new InputFormatException(source, line, field, problem);
        if (mode == ReadMode.STRICT) {
            throw e;
        }
        skipped.merge(reason, 1L, Long::sum);
        List<String> list = examples.computeIfAbsent(reason, r -> new ArrayList<>());
        if (list.size() < ReadReport.EXAMPLES_PER_REASON) {
            list.add(e.getMessage());
        }
    }

    /** An error that does not depend on the mode: the file as a whole is not what the caller described. */
    InputFormatException fatal(long line, String field, String problem) {
        return new InputFormatException(source, line, field, problem);
    }

    ReadReport report() {
        return new ReadReport(List.of(source), rows, accepted, blankLines, skipped, Map.of(), examples);
    }
}
