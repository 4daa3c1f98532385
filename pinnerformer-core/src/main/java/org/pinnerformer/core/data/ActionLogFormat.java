package org.pinnerformer.core.data;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * How to read a delimited action log: the delimiter, whether the first line is a header, and which columns
 * hold the user, item, timestamp, action type, surface, duration and (optionally) item category. Build one
 * with {@link #builder()}; {@link MovieLens} and {@link Taobao} hold the formats of the public data sets.
 *
 * <p>Every row must have as many fields as the header (or {@link #columnNames()}); without either, as many as
 * the first data row. Column indexes are 0-based.
 *
 * @param delimiter the field delimiter, an ASCII character other than a quote or line break
 * @param header whether the first non-blank line names the columns
 * @param quoted whether fields may be quoted RFC 4180 style ({@code "a, b"}, {@code ""} inside)
 * @param columnNames for a file without a header: the column names, used for by-name mapping and in messages;
 *     empty when unknown (then columns must be given by index)
 * @param charset the file's character set (text fields are checked against it)
 * @param user the user id column (a 64-bit integer)
 * @param item the item id column (a 64-bit integer)
 * @param timestamp the timestamp column (a number in {@code timestampUnit})
 * @param timestampUnit the unit of the timestamp column
 * @param actionType where the action type comes from
 * @param surface where the surface comes from
 * @param duration the duration column in seconds ({@code >= 0}), or empty for duration 0
 * @param itemCategory a column holding the item's category, or empty
 */
public record ActionLogFormat(char delimiter, boolean header, boolean quoted, List<String> columnNames,
        Charset charset, Column user, Column item, Column timestamp, TimestampUnit timestampUnit,
        TokenSource actionType, TokenSource surface, Optional<Column> duration, Optional<Column> itemCategory) {

    /** Validates the format; by-name columns need a header or {@code columnNames}. */
    public ActionLogFormat {
        if (delimiter > 127 || delimiter == '"' || delimiter == '\n' || delimiter == '\r') {
            throw new IllegalArgumentException(
                    "delimiter must be an ASCII character other than a quote or line break, was '" + delimiter + "'");
        }
        columnNames = List.copyOf(columnNames);
        Objects.requireNonNull(charset, "charset");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(item, "item");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(timestampUnit, "timestampUnit");
        Objects.requireNonNull(actionType, "actionType");
        Objects.requireNonNull(surface, "surface");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(itemCategory, "itemCategory");
        if (header && !columnNames.isEmpty()) {
            throw new IllegalArgumentException(
                    "columnNames are for files without a header; this format reads the names from the header");
        }
        Set<String> seen = new HashSet<>();
        for (String n : columnNames) {
            if (n.isEmpty() || !seen.add(n)) {
                throw new IllegalArgumentException("columnNames must be distinct and not empty, were " + columnNames);
            }
        }
        for (Column c : columns(user, item, timestamp, actionType, surface, duration, itemCategory)) {
            if (c instanceof Column.Named) {
                String name = ((Column.Named) c).name();
                if (!header && columnNames.isEmpty()) {
                    throw new IllegalArgumentException("column '" + name + "' is given by name, but the format has"
                            + " neither a header nor columnNames; give its index instead");
                }
                if (!header && !columnNames.contains(name)) {
                    throw new IllegalArgumentException(
                            "column '" + name + "' is not one of the columnNames " + columnNames);
                }
            } else if (!columnNames.isEmpty() && ((Column.Indexed) c).index() >= columnNames.size()) {
                throw new IllegalArgumentException("column index " + ((Column.Indexed) c).index()
                        + " is past the last of the " + columnNames.size() + " columnNames");
            }
        }
    }

    /** The columns this format reads, in the order they are parsed. */
    List<Column> columns() {
        return columns(user, item, timestamp, actionType, surface, duration, itemCategory);
    }

    private static List<Column> columns(Column user, Column item, Column timestamp, TokenSource actionType,
            TokenSource surface, Optional<Column> duration, Optional<Column> itemCategory) {
        List<Column> all = new ArrayList<>(List.of(user, item, timestamp));
        tokenColumn(actionType).ifPresent(all::add);
        tokenColumn(surface).ifPresent(all::add);
        duration.ifPresent(all::add);
        itemCategory.ifPresent(all::add);
        return all;
    }

    static Optional<Column> tokenColumn(TokenSource s) {
        if (s instanceof TokenSource.FromColumn) {
            return Optional.of(((TokenSource.FromColumn) s).column());
        }
        if (s instanceof TokenSource.Threshold) {
            return Optional.of(((TokenSource.Threshold) s).column());
        }
        return Optional.empty();
    }

    /** A builder: comma-delimited, quoted, with a header, UTF-8, timestamps in seconds, no duration. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds an {@link ActionLogFormat}; user, item, timestamp, action type and surface must be set. */
    public static final class Builder {
        private char delimiter = ',';
        private boolean header = true;
        private boolean quoted = true;
        private List<String> columnNames = List.of();
        private Charset charset = StandardCharsets.UTF_8;
        private Column user;
        private Column item;
        private Column timestamp;
        private TimestampUnit timestampUnit = TimestampUnit.SECONDS;
        private TokenSource actionType;
        private TokenSource surface;
        private Optional<Column> duration = Optional.empty();
        private Optional<Column> itemCategory = Optional.empty();

        private Builder() {
        }

        /** The field delimiter (default {@code ,}). */
        public Builder delimiter(char d) {
            this.delimiter = d;
            return this;
        }

        /** Whether the first non-blank line is a header (default true). */
        public Builder header(boolean h) {
            this.header = h;
            return this;
        }

        /** Whether fields may be quoted (default true). */
        public Builder quoted(boolean q) {
            this.quoted = q;
            return this;
        }

        /** The column names of a file without a header; also turns the header off. */
        public Builder columnNames(String... names) {
            this.columnNames = List.of(names);
            this.header = false;
            return this;
        }

        /** The file's character set (default UTF-8). */
        public Builder charset(Charset c) {
            this.charset = c;
            return this;
        }

        /** The user id column. */
        public Builder user(Column c) {
            this.user = c;
            return this;
        }

        /** The item id column. */
        public Builder item(Column c) {
            this.item = c;
            return this;
        }

        /** The timestamp column. */
        public Builder timestamp(Column c) {
            this.timestamp = c;
            return this;
        }

        /** The timestamp unit (default seconds). */
        public Builder timestampUnit(TimestampUnit u) {
            this.timestampUnit = u;
            return this;
        }

        /** Where the action type comes from. */
        public Builder actionType(TokenSource s) {
            this.actionType = s;
            return this;
        }

        /** Where the surface comes from. */
        public Builder surface(TokenSource s) {
            this.surface = s;
            return this;
        }

        /** The duration column, in seconds. */
        public Builder duration(Column c) {
            this.duration = Optional.of(c);
            return this;
        }

        /** The item category column. */
        public Builder itemCategory(Column c) {
            this.itemCategory = Optional.of(c);
            return this;
        }

        /**
         * Builds the format.
         *
         * @throws IllegalStateException when a required column or source is not set
         * @throws IllegalArgumentException when the format is inconsistent
         */
        public ActionLogFormat build() {
            require(user, "user");
            require(item, "item");
            require(timestamp, "timestamp");
            require(actionType, "actionType");
            require(surface, "surface");
            return new ActionLogFormat(delimiter, header, quoted, columnNames, charset, user, item, timestamp,
                    timestampUnit, actionType, surface, duration, itemCategory);
        }

        private static void require(Object value, String name) {
            if (value == null) {
                throw new IllegalStateException("the " + name + " of the format is not set; call " + name + "(...)");
            }
        }
    }
}
