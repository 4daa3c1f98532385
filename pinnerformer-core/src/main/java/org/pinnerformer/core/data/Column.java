package org.pinnerformer.core.data;

import java.util.Objects;

/**
 * A column of a delimited file, by its name in the header (or in {@link ActionLogFormat#columnNames()}) or by
 * its 0-based index.
 */
public sealed interface Column {

    /** The column with this name in the header. */
    static Column named(String name) {
        return new Named(name);
    }

    /** The column at this 0-based index. */
    static Column index(int index) {
        return new Indexed(index);
    }

    /**
     * A column by name.
     *
     * @param name the name as it appears in the header, exactly
     */
    record Named(String name) implements Column {
        /** Validates the name. */
        public Named {
            Objects.requireNonNull(name, "name");
            if (name.isEmpty()) {
                throw new IllegalArgumentException("a column name must not be empty");
            }
        }

        @Override
        public String toString() {
            return "'" + name + "'";
        }
    }

    /**
     * A column by position.
     *
     * @param index the 0-based index
     */
    record Indexed(int index) implements Column {
        /** Validates the index. */
        public Indexed {
            if (index < 0) {
                throw new IllegalArgumentException("a column index must be >= 0, was " + index);
            }
        }

        @Override
        public String toString() {
            return "index " + index;
        }
    }
}
