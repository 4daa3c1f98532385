package org.pinnerformer.core.data;

/**
 * A problem with the current row, raised by the scanner and its parsers and turned by {@link ReadRecorder}
 * into an exception (strict) or a count (lenient). No stack trace: it is control flow for bad rows.
 */
final class RowProblem extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The field index, or -1 when the whole line is at fault. */
    final int field;
    final SkipReason reason;
    final String problem;

    RowProblem(SkipReason reason, int field, String problem) {
        super(problem, null, false, false);
        this.reason = reason;
        this.field = field;
        this.problem = problem;
    }
}
