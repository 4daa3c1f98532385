package org.pinnerformer.core.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.pinnerformer.api.InputFormatException;
import org.pinnerformer.api.IoErrors;
import org.pinnerformer.api.PinnerFormerException;

/**
 * Streams a delimited text file line by line and splits each line into fields, working on bytes: no
 * {@code String} per line or per numeric field, so a reader can parse millions of rows a second.
 *
 * <p>Lines end with LF or CRLF; a UTF-8 byte order mark at the start is ignored; lines holding only spaces
 * and tabs are blank and skipped (and counted). Fields are separated either by one delimiter byte, with
 * RFC 4180 quoting ({@code "a, b"}, {@code ""} for a quote inside a quoted field; a quoted field must close on
 * its line), or by runs of whitespace (optionally commas too). Field text is decoded in the file's charset
 * only when asked for; invalid bytes are reported, never replaced silently.
 */
final class DelimitedScanner {
    /** The longest line accepted; a longer one means the file is not a line-oriented text file. */
    static final int MAX_LINE_BYTES = 1 << 24;

    private final InputStream in;
    private final String source;
    private final byte delimiter;
    private final boolean whitespace;
    private final boolean commaIsWhitespace;
    private final boolean quotes;
    private final Charset charset;
    private final boolean utf8;
    private final CharsetDecoder decoder;

    private byte[] buf = new byte[1 << 16];
    private int pos;
    private int limit;
    private boolean eof;
    private long lineNumber;
    private long blankLines;
    private int lineStart;
    private int lineEnd;

    private int fieldCount;
    private int[] starts = new int[16];
    private int[] ends = new int[16];

    private DelimitedScanner(InputStream in, String source, byte delimiter, boolean whitespace,
            boolean commaIsWhitespace, boolean quotes, Charset charset) {
        this.in = in;
        this.source = source;
        this.delimiter = delimiter;
        this.whitespace = whitespace;
        this.commaIsWhitespace = commaIsWhitespace;
        this.quotes = quotes;
        this.charset = charset;
        this.utf8 = charset.equals(StandardCharsets.UTF_8);
        this.decoder = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    /** A scanner for fields separated by {@code delimiter}, with optional RFC 4180 quoting. */
    static DelimitedScanner delimited(InputStream in, String source, char delimiter, boolean quotes, Charset charset) {
        if (delimiter > 127) {
            throw new IllegalArgumentException("the delimiter must be an ASCII character, was '" + delimiter + "'");
        }
        return new DelimitedScanner(in, source, (byte) delimiter, false, false, quotes, charset);
    }

    /** A scanner for fields separated by runs of spaces and tabs (and commas when {@code commas}). */
    static DelimitedScanner whitespace(InputStream in, String source, boolean commas, Charset charset) {
        return new DelimitedScanner(in, source, (byte) ' ', true, commas, false, charset);
    }

    /** The name of the input in messages. */
    String source() {
        return source;
    }

    /** The 1-based number of the current line. */
    long lineNumber() {
        return lineNumber;
    }

    /** How many blank lines were skipped so far. */
    long blankLines() {
        return blankLines;
    }

    /**
     * Moves to the next line that is not blank.
     *
     * @return false at the end of the input
     * @throws PinnerFormerException when the input cannot be read
     * @throws InputFormatException when a line is longer than {@link #MAX_LINE_BYTES}
     */
    boolean nextLine() {
        int scanFrom = pos;
        while (true) {
            int nl = -1;
            for (int i = scanFrom; i < limit; i++) {
                if (buf[i] == '\n') {
                    nl = i;
                    break;
                }
            }
            if (nl < 0) {
                if (!eof) {
                    int scanned = limit - pos;
                    fill();
                    scanFrom = pos + scanned;
                    continue;
                }
                if (pos >= limit) {
                    return false;
                }
                lineStart = pos;
                lineEnd = limit;
                pos = limit;
            } else {
                lineStart = pos;
                lineEnd = nl;
                pos = nl + 1;
            }
            lineNumber++;
            if (lineEnd > lineStart && buf[lineEnd - 1] == '\r') {
                lineEnd--;
            }
            if (lineNumber == 1 && lineEnd - lineStart >= 3 && buf[lineStart] == (byte) 0xEF
                    && buf[lineStart + 1] == (byte) 0xBB && buf[lineStart + 2] == (byte) 0xBF) {
                lineStart += 3;
            }
            if (isBlank()) {
                blankLines++;
                scanFrom = pos;
                continue;
            }
            return true;
        }
    }

    private boolean isBlank() {
        for (int i = lineStart; i < lineEnd; i++) {
            if (buf[i] != ' ' && buf[i] != '\t') {
                return false;
            }
        }
        return true;
    }

    private void fill() {
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, limit - pos);
            limit -= pos;
            pos = 0;
        }
        if (limit == buf.length) {
            if (buf.length >= MAX_LINE_BYTES) {
                throw new InputFormatException(source, lineNumber + 1, "",
                        "the line is longer than " + MAX_LINE_BYTES + " bytes; is this a text file?");
            }
            buf = Arrays.copyOf(buf, buf.length * 2);
        }
        try {
            int n = in.read(buf, limit, buf.length - limit);
            if (n < 0) {
                eof = true;
            } else {
                limit += n;
            }
        } catch (IOException e) {
            throw new PinnerFormerException(IoErrors.describe("could not read " + source + " after line " + lineNumber,
                    e), e);
        }
    }

    /**
     * Splits the current line into fields.
     *
     * @throws RowProblem when a quoted field is malformed
     */
    void split() {
        fieldCount = 0;
        if (whitespace) {
            splitWhitespace();
        } else {
            splitDelimited();
        }
    }

    private void splitWhitespace() {
        int p = lineStart;
        int end = lineEnd;
        while (true) {
            while (p < end && isSeparator(buf[p])) {
                p++;
            }
            if (p >= end) {
                return;
            }
            int s = p;
            while (p < end && !isSeparator(buf[p])) {
                p++;
            }
            addField(s, p);
        }
    }

    private boolean isSeparator(byte b) {
        return b == ' ' || b == '\t' || (commaIsWhitespace && b == ',');
    }

    private void splitDelimited() {
        int p = lineStart;
        int end = lineEnd;
        byte d = delimiter;
        while (true) {
            if (quotes && p < end && buf[p] == '"') {
                int w = p;
                int s = p;
                p++;
                while (true) {
                    if (p >= end) {
                        throw new RowProblem(SkipReason.MALFORMED_QUOTE, fieldCount,
                                "has a quoted value that is not closed on this line");
                    }
                    byte b = buf[p++];
                    if (b == '"') {
                        if (p < end && buf[p] == '"') {
                            buf[w++] = '"';
                            p++;
                        } else {
                            break;
                        }
                    } else {
                        buf[w++] = b;
                    }
                }
                if (p < end && buf[p] != d) {
                    throw new RowProblem(SkipReason.MALFORMED_QUOTE, fieldCount,
                            "has text after the closing quote of a quoted value");
                }
                addField(s, w);
            } else {
                int s = p;
                while (p < end && buf[p] != d) {
                    p++;
                }
                addField(s, p);
            }
            if (p >= end) {
                return;
            }
            p++;
        }
    }

    private void addField(int s, int e) {
        if (fieldCount == starts.length) {
            starts = Arrays.copyOf(starts, fieldCount * 2);
            ends = Arrays.copyOf(ends, fieldCount * 2);
        }
        starts[fieldCount] = s;
        ends[fieldCount] = e;
        fieldCount++;
    }

    /** The number of fields of the current line (after {@link #split()}). */
    int fieldCount() {
        return fieldCount;
    }

    /** The buffer holding field bytes; valid until the next {@link #nextLine()}. */
    byte[] buffer() {
        return buf;
    }

    int start(int field) {
        return starts[field];
    }

    int end(int field) {
        return ends[field];
    }

    /** Whether the field holds no bytes. */
    boolean isEmpty(int field) {
        return starts[field] == ends[field];
    }

    /**
     * The field decoded in the file's charset.
     *
     * @throws RowProblem when the bytes are not valid in the charset
     */
    String text(int field) {
        int s = starts[field];
        int e = ends[field];
        boolean ascii = true;
        for (int i = s; i < e; i++) {
            if (buf[i] < 0) {
                ascii = false;
                break;
            }
        }
        if (ascii) {
            return new String(buf, s, e - s, StandardCharsets.ISO_8859_1);
        }
        try {
            return decoder.reset().decode(ByteBuffer.wrap(buf, s, e - s)).toString();
        } catch (CharacterCodingException ex) {
            throw new RowProblem(SkipReason.INVALID_TEXT, field,
                    "is not valid " + (utf8 ? "UTF-8" : charset.name()) + ": '" + display(field) + "'");
        }
    }

    /** The field as text for a message: invalid bytes replaced, long values shortened. */
    String display(int field) {
        int s = starts[field];
        int e = ends[field];
        String t = new String(buf, s, Math.min(e - s, 64), charset);
        return e - s > 64 ? t + "..." : t;
    }

    /**
     * The field as a 64-bit integer; spaces and tabs around it are ignored.
     *
     * @throws RowProblem when it is empty, not an integer, or too large
     */
    long parseLong(int field) {
        return FieldNumbers.parseLong(this, field);
    }

    /**
     * The field as a finite double; spaces and tabs around it are ignored. Accepts decimal notation with an
     * optional exponent; the result is the correctly rounded double, as {@link Double#parseDouble}.
     *
     * @throws RowProblem when it is empty, not a number, NaN or infinite
     */
    double parseDouble(int field) {
        return FieldNumbers.parseDouble(this, field);
    }
}
