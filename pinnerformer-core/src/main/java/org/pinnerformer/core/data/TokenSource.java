package org.pinnerformer.core.data;

import java.util.Objects;

/**
 * Where an action's type (or surface) comes from: a constant, when the log has none; a column holding the
 * token; or a numeric column compared with a threshold (an explicit rating becomes {@code rate-high} or
 * {@code rate-low}, for example).
 */
public sealed interface TokenSource {

    /** The same token for every row. */
    static TokenSource constant(String token) {
        return new Constant(token);
    }

    /** The token held by the named column. */
    static TokenSource column(String name) {
        return new FromColumn(Column.named(name));
    }

    /** The token held by the column at this 0-based index. */
    static TokenSource column(int index) {
        return new FromColumn(Column.index(index));
    }

    /** {@code atOrAbove} when the named numeric column is {@code >= threshold}, else {@code below}. */
    static TokenSource threshold(String column, double threshold, String atOrAbove, String below) {
        return new Threshold(Column.named(column), threshold, atOrAbove, below);
    }

    /**
     * A constant token.
     *
     * @param token the token, not empty
     */
    record Constant(String token) implements TokenSource {
        /** Validates the token. */
        public Constant {
            requireToken(token, "token");
        }
    }

    /**
     * A token read from a column.
     *
     * @param column the column
     */
    record FromColumn(Column column) implements TokenSource {
        /** Validates the column. */
        public FromColumn {
            Objects.requireNonNull(column, "column");
        }
    }

    /**
     * A token chosen by comparing a numeric column with a threshold.
     *
     * @param column the numeric column
     * @param threshold finite
     * @param atOrAbove the token when the value is {@code >= threshold}
     * @param below the token when the value is {@code < threshold}
     */
    record Threshold(Column column, double threshold, String atOrAbove, String below) implements TokenSource {
        /** Validates every field. */
        public Threshold {
            Objects.requireNonNull(column, "column");
            if (!Double.isFinite(threshold)) {
                throw new IllegalArgumentException("threshold must be finite, was " + threshold);
            }
            requireToken(atOrAbove, "atOrAbove");
            requireToken(below, "below");
            if (atOrAbove.equals(below)) {
                throw new IllegalArgumentException("atOrAbove and below must differ, both were '" + below + "'");
            }
        }
    }

    private static void requireToken(String token, String name) {
        Objects.requireNonNull(token, name);
        if (token.isEmpty()) {
            throw new IllegalArgumentException(name + " must not be empty");
        }
    }
}
