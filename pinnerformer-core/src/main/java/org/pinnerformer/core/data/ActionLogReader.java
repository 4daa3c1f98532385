package org.pinnerformer.core.data;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.pinnerformer.api.InputFormatException;

/**
 * Reads a delimited action log described by an {@link ActionLogFormat} into an {@link ActionTable}, streaming
 * (the file's text is never held), at millions of rows a second.
 *
 * <p>Malformed rows (wrong field count, a non-numeric or non-finite number, a negative duration, invalid
 * text, a broken quote, an empty field, a timestamp outside the years 1 to 9999) throw an {@link InputFormatException} naming file, line and field in
 * {@link ReadMode#STRICT} mode, and are skipped and counted in {@link ReadMode#LENIENT} mode. An empty file,
 * and a mapping naming a column the header lacks, are errors in both modes.
 */
public final class ActionLogReader {
    private final ActionLogFormat format;
    private final ReadMode mode;

    /** A reader of logs in {@code format}. */
    public ActionLogReader(ActionLogFormat format, ReadMode mode) {
        this.format = Objects.requireNonNull(format, "format");
        this.mode = Objects.requireNonNull(mode, "mode");
    }

    /**
     * Appends the actions of a file to {@code into}.
     *
     * @return what was read and skipped
     * @throws InputFormatException in strict mode on the first malformed row, and in both modes when the file
     *     is empty or does not have the columns the format names
     * @throws org.pinnerformer.api.PinnerFormerException when the file cannot be read
     */
    public ReadReport read(Path file, ActionTable into) {
        try (InputStream in = Sources.open(file)) {
            return read(in, file.toString(), into);
        } catch (java.io.IOException e) {
            throw Sources.closeFailed(file, e);
        }
    }

    /** Appends the actions of a stream to {@code into}; {@code source} names the stream in messages. */
    public ReadReport read(InputStream in, String source, ActionTable into) {
        Objects.requireNonNull(into, "into");
        ReadRecorder rec = new ReadRecorder(source, mode);
        DelimitedScanner sc = DelimitedScanner.delimited(in, source, format.delimiter(), format.quoted(),
                format.charset());
        if (!sc.nextLine()) {
            throw rec.fatal(0, "", "the file is empty");
        }
        List<String> names = format.columnNames();
        int expected = names.size();
        boolean firstIsData = true;
        if (format.header()) {
            names = header(sc, rec);
            expected = names.size();
            firstIsData = false;
        }
        Mapping m = null;
        if (expected > 0) {
            m = new Mapping(names, expected, sc.lineNumber(), rec, into);
        }
        while (firstIsData || sc.nextLine()) {
            firstIsData = false;
            rec.row();
            try {
                sc.split();
                if (m == null) {
                    // No header and no column names: the first data row fixes the field count.
                    expected = sc.fieldCount();
                    m = new Mapping(names, expected, sc.lineNumber(), rec, into);
                }
                if (sc.fieldCount() != expected) {
                    throw new RowProblem(SkipReason.WRONG_FIELD_COUNT, -1,
                            "expected " + expected + " fields, found " + sc.fieldCount());
                }
                m.parseRow(sc, into);
                rec.accepted();
            } catch (RowProblem p) {
                rec.problem(sc.lineNumber(), p.field < 0 ? "" : m.fieldName(p.field), p.reason, p.problem);
            }
        }
        rec.blankLines(sc.blankLines());
        return rec.report();
    }

    private static List<String> header(DelimitedScanner sc, ReadRecorder rec) {
        List<String> names = new ArrayList<>();
        try {
            sc.split();
            for (int f = 0; f < sc.fieldCount(); f++) {
                names.add(sc.text(f).trim());
            }
        } catch (RowProblem p) {
            throw rec.fatal(sc.lineNumber(), "", "the header " + p.problem);
        }
        return names;
    }

    /** The format's columns resolved to field indexes, and the row parser. */
    private final class Mapping {
        private final List<String> names;
        private final int user;
        private final int item;
        private final int timestamp;
        private final TokenColumn actionType;
        private final TokenColumn surface;
        private final int duration;
        private final int category;

        Mapping(List<String> names, int fieldCount, long line, ReadRecorder rec, ActionTable table) {
            this.names = names;
            this.user = resolve(format.user(), fieldCount, line, rec);
            this.item = resolve(format.item(), fieldCount, line, rec);
            this.timestamp = resolve(format.timestamp(), fieldCount, line, rec);
            this.actionType = new TokenColumn(format.actionType(), table.actionTypeDictionary(), fieldCount, line,
                    rec);
            this.surface = new TokenColumn(format.surface(), table.surfaceDictionary(), fieldCount, line, rec);
            this.duration = format.duration().map(c -> resolve(c, fieldCount, line, rec)).orElse(-1);
            this.category = format.itemCategory().map(c -> resolve(c, fieldCount, line, rec)).orElse(-1);
        }

        private int resolve(Column c, int fieldCount, long line, ReadRecorder rec) {
            if (c instanceof Column.Named) {
                String name = ((Column.Named) c).name();
                int i = names.indexOf(name);
                if (i < 0) {
                    throw rec.fatal(line, "", "the mapping names column '" + name + "', which is not in the "
                            + (format.header() ? "header " : "column names ") + names);
                }
                return i;
            }
            int i = ((Column.Indexed) c).index();
            if (i >= fieldCount) {
                throw rec.fatal(line, "", "the mapping uses column index " + i + ", but the "
                        + (format.header() ? "header has " : "first row has ") + fieldCount + " fields");
            }
            return i;
        }

        String fieldName(int field) {
            return field < names.size() ? names.get(field) : "column index " + field;
        }

        void parseRow(DelimitedScanner sc, ActionTable into) {
            long u = sc.parseLong(user);
            long it = sc.parseLong(item);
            double ts = format.timestampUnit().toSeconds(sc.parseDouble(timestamp));
            if (!TimestampUnit.inRange(ts)) {
                throw new RowProblem(SkipReason.OUT_OF_RANGE, timestamp, "is outside the years 1 to 9999: '"
                        + sc.display(timestamp) + "'; is the timestamp unit right?");
            }
            int type = actionType.token(sc);
            int surf = surface.token(sc);
            float dur = 0f;
            if (duration >= 0) {
                double d = sc.parseDouble(duration);
                if (d < 0) {
                    throw new RowProblem(SkipReason.OUT_OF_RANGE, duration,
                            "must not be negative: '" + sc.display(duration) + "'");
                }
                dur = (float) d;
                if (Float.isInfinite(dur)) {
                    throw new RowProblem(SkipReason.NOT_FINITE, duration,
                            "is too large for a duration: '" + sc.display(duration) + "'");
                }
            }
            int cat = category < 0 ? -1 : token(sc, category, into.categoryDictionary());
            into.add(u, it, ts, type, surf, dur, cat);
        }

        /** A token read from one column, or a constant, or chosen by a threshold. */
        private final class TokenColumn {
            private final TokenDictionary dict;
            private final int field;
            private final int constant;
            private final double threshold;
            private final int atOrAbove;
            private final int below;

            TokenColumn(TokenSource source, TokenDictionary dict, int fieldCount, long line, ReadRecorder rec) {
                this.dict = dict;
                Optional<Column> column = ActionLogFormat.tokenColumn(source);
                this.field = column.isPresent() ? resolve(column.get(), fieldCount, line, rec) : -1;
                this.constant = source instanceof TokenSource.Constant
                        ? dict.intern(((TokenSource.Constant) source).token()) : -1;
                if (source instanceof TokenSource.Threshold) {
                    TokenSource.Threshold t = (TokenSource.Threshold) source;
                    this.threshold = t.threshold();
                    this.atOrAbove = dict.intern(t.atOrAbove());
                    this.below = dict.intern(t.below());
                } else {
                    this.threshold = Double.NaN;
                    this.atOrAbove = -1;
                    this.below = -1;
                }
            }

            int token(DelimitedScanner sc) {
                if (field < 0) {
                    return constant;
                }
                if (atOrAbove >= 0) {
                    return sc.parseDouble(field) >= threshold ? atOrAbove : below;
                }
                return Mapping.this.token(sc, field, dict);
            }
        }

        private int token(DelimitedScanner sc, int field, TokenDictionary dict) {
            int t = dict.find(sc.buffer(), sc.start(field), sc.end(field));
            if (t >= 0) {
                return t;
            }
            if (sc.isEmpty(field)) {
                throw new RowProblem(SkipReason.EMPTY_FIELD, field, "is empty");
            }
            String text = sc.text(field);
            try {
                return dict.intern(text, text.getBytes(format.charset()));
            } catch (IllegalStateException e) {
                throw new InputFormatException(sc.source(), sc.lineNumber(),
                        fieldName(field), "has more than " + TokenDictionary.MAX_TOKENS
                                + " distinct values; does the mapping name the right column?");
            }
        }
    }
}
