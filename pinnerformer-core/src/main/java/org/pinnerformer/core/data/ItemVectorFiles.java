package org.pinnerformer.core.data;

import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;
import org.pinnerformer.api.InputFormatException;
import org.pinnerformer.api.IoErrors;
import org.pinnerformer.api.PinnerFormerException;

/**
 * Reads and writes item content vectors.
 *
 * <p>Text format: one item a line, the item id then F numbers, separated by whitespace and/or commas
 * ({@code 42 0.1 -0.3 ...} or {@code 42,0.1,-0.3,...}); blank lines are ignored; every line must have the same
 * F. Errors name file, line and field ({@code vector[3]} is the fourth number after the id).
 *
 * <p>Binary format (little-endian): the 8 ASCII bytes {@value #MAGIC}, an int32 F, an int64 N, then N records
 * of an int64 item id and F float32 values. About 4F + 8 bytes an item, read without parsing.
 */
public final class ItemVectorFiles {
    /** The first bytes of a binary vector file. */
    public static final String MAGIC = "PFVECv01";

    /** The most values one array can hold. */
    private static final int MAX_VALUES = Integer.MAX_VALUE - 8;

    private ItemVectorFiles() {
    }

    /** Reads a text vector file; F is taken from the first line. */
    public static ReadResult<ItemVectors> readText(Path file, ReadMode mode) {
        return readText(file, OptionalInt.empty(), mode);
    }

    /** Reads a text vector file whose vectors must have {@code dimension} values. */
    public static ReadResult<ItemVectors> readText(Path file, int dimension, ReadMode mode) {
        if (dimension <= 0) {
            throw new IllegalArgumentException("dimension must be > 0, was " + dimension);
        }
        return readText(file, OptionalInt.of(dimension), mode);
    }

    private static ReadResult<ItemVectors> readText(Path file, OptionalInt dimension, ReadMode mode) {
        try (InputStream in = Sources.open(file)) {
            return readText(in, file.toString(), dimension, mode);
        } catch (IOException e) {
            throw Sources.closeFailed(file, e);
        }
    }

    private static ReadResult<ItemVectors> readText(InputStream in, String source, OptionalInt dimension,
            ReadMode mode) {
        ReadRecorder rec = new ReadRecorder(source, mode);
        DelimitedScanner sc = DelimitedScanner.whitespace(in, source, true, StandardCharsets.UTF_8);
        int f = dimension.orElse(-1);
        long[] ids = new long[1024];
        float[] values = new float[0];
        Map<Long, Long> lineOf = new HashMap<>();
        int n = 0;
        boolean any = false;
        float[] row = new float[0];
        while (sc.nextLine()) {
            any = true;
            rec.row();
            try {
                sc.split();
                if (f < 0) {
                    f = sc.fieldCount() - 1;
                    if (f < 1) {
                        throw new RowProblem(SkipReason.WRONG_FIELD_COUNT, -1,
                                "expected an item id and at least one value, found " + sc.fieldCount() + " field");
                    }
                }
                if (sc.fieldCount() - 1 != f) {
                    throw new RowProblem(SkipReason.WRONG_FIELD_COUNT, -1,
                            "expected " + f + " values after the item id, found " + (sc.fieldCount() - 1));
                }
                long id = sc.parseLong(0);
                if (row.length != f) {
                    row = new float[f];
                }
                for (int k = 0; k < f; k++) {
                    float v = (float) sc.parseDouble(k + 1);
                    if (Float.isInfinite(v)) {
                        throw new RowProblem(SkipReason.NOT_FINITE, k + 1,
                                "is too large for a float: '" + sc.display(k + 1) + "'");
                    }
                    row[k] = v;
                }
                Long first = lineOf.putIfAbsent(id, sc.lineNumber());
                if (first != null) {
                    throw new RowProblem(SkipReason.DUPLICATE_KEY, 0,
                            "item " + id + " appears again; its first vector is on line " + first);
                }
                if (n == ids.length) {
                    ids = Arrays.copyOf(ids, n * 2);
                }
                long needed = (long) (n + 1) * f;
                if (needed > values.length) {
                    if (needed > MAX_VALUES) {
                        throw rec.fatal(sc.lineNumber(), "", "holds more than " + MAX_VALUES + " values in all");
                    }
                    // Grow geometrically from 16 rows, in long arithmetic: 1024 * f overflowed for wide rows.
                    long grown = Math.max(needed, Math.max(16L * f, 2L * values.length));
                    values = Arrays.copyOf(values, (int) Math.min(grown, MAX_VALUES));
                }
                ids[n] = id;
                System.arraycopy(row, 0, values, n * f, f);
                n++;
                rec.accepted();
            } catch (RowProblem p) {
                rec.problem(sc.lineNumber(), p.field < 0 ? "" : p.field == 0 ? "item" : "vector[" + (p.field - 1) + "]",
                        p.reason, p.problem);
            }
        }
        if (!any) {
            throw rec.fatal(0, "", "the file is empty");
        }
        rec.blankLines(sc.blankLines());
        if (n == 0) {
            throw rec.fatal(0, "", "no line holds a valid vector; see the first problems: "
                    + rec.report().examples());
        }
        return new ReadResult<>(ItemVectors.of(Arrays.copyOf(ids, n), Arrays.copyOf(values, n * f), f),
                rec.report());
    }

    /** Writes vectors as text, one item a line, values separated by spaces in the shortest exact form. */
    public static void writeText(ItemVectors vectors, Path file) {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            StringBuilder sb = new StringBuilder();
            float[] v = vectors.values();
            int f = vectors.dimension();
            for (int i = 0; i < vectors.size(); i++) {
                sb.setLength(0);
                sb.append(vectors.itemId(i));
                for (int k = 0; k < f; k++) {
                    sb.append(' ').append(v[i * f + k]);
                }
                w.append(sb).append('\n');
            }
        } catch (IOException e) {
            throw new PinnerFormerException(IoErrors.describe("could not write " + file, e), e);
        }
    }

    /** Writes vectors in the binary format. */
    public static void writeBinary(ItemVectors vectors, Path file) {
        int f = vectors.dimension();
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            ByteBuffer head = ByteBuffer.allocate(20).order(ByteOrder.LITTLE_ENDIAN);
            head.put(MAGIC.getBytes(StandardCharsets.US_ASCII)).putInt(f).putLong(vectors.size());
            out.write(head.array());
            ByteBuffer rec = ByteBuffer.allocate(8 + 4 * f).order(ByteOrder.LITTLE_ENDIAN);
            float[] v = vectors.values();
            for (int i = 0; i < vectors.size(); i++) {
                rec.clear();
                rec.putLong(vectors.itemId(i));
                for (int k = 0; k < f; k++) {
                    rec.putFloat(v[i * f + k]);
                }
                out.write(rec.array());
            }
        } catch (IOException e) {
            throw new PinnerFormerException(IoErrors.describe("could not write " + file, e), e);
        }
    }

    /**
     * Reads a binary vector file.
     *
     * @throws InputFormatException when it is not a vector file, is cut short, has trailing bytes, repeats an
     *     item or holds a non-finite value
     */
    public static ItemVectors readBinary(Path file) {
        String source = file.toString();
        try (InputStream in = Sources.openBuffered(file)) {
            byte[] head = in.readNBytes(20);
            if (head.length < 20 || !new String(head, 0, 8, StandardCharsets.ISO_8859_1).equals(MAGIC)) {
                throw new InputFormatException(source, 0, "",
                        "is not a binary item vector file: it does not start with " + MAGIC);
            }
            ByteBuffer h = ByteBuffer.wrap(head, 8, 12).order(ByteOrder.LITTLE_ENDIAN);
            int f = h.getInt();
            long count = h.getLong();
            if (f <= 0 || count < 0 || count * f > Integer.MAX_VALUE - 8) {
                throw new InputFormatException(source, 0, "",
                        "has an invalid header: dimension " + f + ", " + count + " items");
            }
            long expectedBytes = 20 + count * (8 + 4L * f);
            long actualBytes = Files.size(file);
            // Checked before allocating: a damaged count must not ask for gigabytes.
            if (actualBytes < expectedBytes) {
                throw new InputFormatException(source, 0, "", "ends after " + (actualBytes - 20) / (8 + 4L * f)
                        + " of " + count + " items");
            }
            if (actualBytes > expectedBytes) {
                throw new InputFormatException(source, 0, "", "has bytes after its " + count + " items");
            }
            int n = (int) count;
            long[] ids = new long[n];
            float[] values = new float[n * f];
            byte[] rec = new byte[8 + 4 * f];
            ByteBuffer b = ByteBuffer.wrap(rec).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < n; i++) {
                if (in.readNBytes(rec, 0, rec.length) < rec.length) {
                    throw new InputFormatException(source, 0, "", "ends after " + i + " of " + n + " items");
                }
                b.clear();
                ids[i] = b.getLong();
                for (int k = 0; k < f; k++) {
                    float v = b.getFloat();
                    if (!Float.isFinite(v)) {
                        throw new InputFormatException(source, 0, "vector[" + k + "]",
                                "item " + ids[i] + " has a non-finite value " + v);
                    }
                    values[i * f + k] = v;
                }
            }
            if (in.read() >= 0) {
                throw new InputFormatException(source, 0, "", "has bytes after its " + n + " items");
            }
            try {
                return ItemVectors.of(ids, values, f);
            } catch (IllegalArgumentException e) {
                throw new InputFormatException(source, 0, "", e.getMessage());
            }
        } catch (IOException e) {
            throw new PinnerFormerException(IoErrors.describe("could not read " + file, e), e);
        }
    }
}
