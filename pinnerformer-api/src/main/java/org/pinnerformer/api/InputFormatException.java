package org.pinnerformer.api;

import java.util.Objects;

/**
 * Malformed input: names the source (usually a file), the 1-based line and the field at fault.
 * Thrown by readers in strict mode; in lenient mode the same problems are counted and skipped.
 */
public class InputFormatException extends PinnerFormerException {
    private static final long serialVersionUID = 1L;

    private final String source;
    private final long line;
    private final String field;

    /**
     * Creates an exception.
     *
     * @param source the file or stream name
     * @param line the 1-based line number, or 0 when the problem is not tied to a line
     * @param field the field (column) name, or an empty string when the whole line is at fault
     * @param problem what is wrong, as a sentence fragment ("is not a number: 'abc'")
     */
    public InputFormatException(String source, long line, String field, String problem) {
        super(format(source, line, field, problem));
        this.source = Objects.requireNonNull(source, "source");
        this.line = line;
        this.field = Objects.requireNonNull(field, "field");
    }

    private static String format(String source, long line, String field, String problem) {
        StringBuilder sb = new StringBuilder(String.valueOf(source));
        if (line > 0) {
            sb.append(", line ").append(line);
        }
        if (field != null && !field.isEmpty()) {
            sb.append(", field '").append(field).append('\'');
        }
        return sb.append(": ").append(problem).toString();
    }

    /** The file or stream name. */
    public String source() {
        return source;
    }

    /** The 1-based line number, or 0 when the problem is not tied to a line. */
    public long line() {
        return line;
    }

    /** The field name, or an empty string when the whole line is at fault. */
    public String field() {
        return field;
    }
}
