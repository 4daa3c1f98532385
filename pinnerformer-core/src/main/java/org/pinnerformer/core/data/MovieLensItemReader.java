package org.pinnerformer.core.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads MovieLens item files into a catalogue with titles and genres (as categories) and placeholder vectors:
 * {@code movies.csv} of ml-latest-small ({@code movieId,title,genres}, quoted titles, pipe-separated genres,
 * "(no genres listed)" meaning none) and {@code u.item} of ml-100k ({@code |}-separated, ISO-8859-1, 19 genre
 * flags whose names are in {@code u.genre}).
 */
final class MovieLensItemReader {
    static final String NO_GENRES = "(no genres listed)";

    private MovieLensItemReader() {
    }

    static ReadResult<ItemCatalog> moviesCsv(Path file, ReadMode mode) {
        String source = file.toString();
        ReadRecorder rec = new ReadRecorder(source, mode);
        ItemCatalog.Builder b = ItemCatalog.builder(1);
        try (InputStream in = Sources.open(file)) {
            DelimitedScanner sc = DelimitedScanner.delimited(in, source, ',', true, StandardCharsets.UTF_8);
            if (!sc.nextLine()) {
                throw rec.fatal(0, "", "the file is empty");
            }
            List<String> header = new ArrayList<>();
            try {
                sc.split();
                for (int f = 0; f < sc.fieldCount(); f++) {
                    header.add(sc.text(f));
                }
            } catch (RowProblem p) {
                throw rec.fatal(sc.lineNumber(), "", "the header " + p.problem);
            }
            if (!header.equals(List.of("movieId", "title", "genres"))) {
                throw rec.fatal(sc.lineNumber(), "", "expected the header [movieId, title, genres], found " + header);
            }
            Map<Long, Long> lineOf = new HashMap<>();
            float[] zero = new float[1];
            while (sc.nextLine()) {
                rec.row();
                try {
                    sc.split();
                    if (sc.fieldCount() != 3) {
                        throw new RowProblem(SkipReason.WRONG_FIELD_COUNT, -1,
                                "expected 3 fields, found " + sc.fieldCount());
                    }
                    long id = sc.parseLong(0);
                    String title = sc.text(1);
                    String genres = sc.text(2);
                    duplicate(lineOf, id, sc.lineNumber());
                    List<Integer> cats = new ArrayList<>();
                    if (!genres.isEmpty() && !genres.equals(NO_GENRES)) {
                        for (String g : genres.split("\\|", -1)) {
                            if (g.isEmpty()) {
                                throw new RowProblem(SkipReason.EMPTY_FIELD, 2, "has an empty genre: '" + genres + "'");
                            }
                            cats.add(b.category(g));
                        }
                    }
                    b.add(id, zero, title, cats.stream().mapToInt(Integer::intValue).toArray());
                    rec.accepted();
                } catch (RowProblem p) {
                    rec.problem(sc.lineNumber(), p.field < 0 ? "" : header.get(p.field), p.reason, p.problem);
                }
            }
            rec.blankLines(sc.blankLines());
        } catch (IOException e) {
            throw Sources.closeFailed(file, e);
        }
        return new ReadResult<>(b.build(), rec.report());
    }

    private static void duplicate(Map<Long, Long> lineOf, long id, long line) {
        Long first = lineOf.putIfAbsent(id, line);
        if (first != null) {
            throw new RowProblem(SkipReason.DUPLICATE_KEY, 0, "item " + id + " appears again; first on line " + first);
        }
    }

    /** Reads {@code u.genre} ({@code name|index}, indexes 0, 1, 2, ... in order). */
    static List<String> genres(Path file) {
        String source = file.toString();
        ReadRecorder rec = new ReadRecorder(source, ReadMode.STRICT);
        List<String> names = new ArrayList<>();
        try (InputStream in = Sources.open(file)) {
            DelimitedScanner sc = DelimitedScanner.delimited(in, source, '|', false, StandardCharsets.ISO_8859_1);
            while (sc.nextLine()) {
                try {
                    sc.split();
                    if (sc.fieldCount() != 2) {
                        throw new RowProblem(SkipReason.WRONG_FIELD_COUNT, -1,
                                "expected 2 fields, found " + sc.fieldCount());
                    }
                    long index = sc.parseLong(1);
                    if (index != names.size()) {
                        throw new RowProblem(SkipReason.OUT_OF_RANGE, 1,
                                "must be " + names.size() + " (genres are numbered 0, 1, 2, ... in order), was " + index);
                    }
                    names.add(sc.text(0));
                } catch (RowProblem p) {
                    rec.problem(sc.lineNumber(), p.field < 0 ? "" : p.field == 0 ? "name" : "index", p.reason,
                            p.problem);
                }
            }
        } catch (IOException e) {
            throw Sources.closeFailed(file, e);
        }
        if (names.isEmpty()) {
            throw rec.fatal(0, "", "the file is empty");
        }
        return names;
    }

    /** Reads {@code u.item} with genre names from {@code u.genre}. */
    static ReadResult<ItemCatalog> uItem(Path file, List<String> genres, ReadMode mode) {
        String source = file.toString();
        ReadRecorder rec = new ReadRecorder(source, mode);
        ItemCatalog.Builder b = ItemCatalog.builder(1);
        genres.forEach(b::category);
        int expected = 5 + genres.size();
        Charset latin1 = StandardCharsets.ISO_8859_1;
        try (InputStream in = Sources.open(file)) {
            DelimitedScanner sc = DelimitedScanner.delimited(in, source, '|', false, latin1);
            Map<Long, Long> lineOf = new HashMap<>();
            float[] zero = new float[1];
            boolean any = false;
            while (sc.nextLine()) {
                any = true;
                rec.row();
                try {
                    sc.split();
                    if (sc.fieldCount() != expected) {
                        throw new RowProblem(SkipReason.WRONG_FIELD_COUNT, -1,
                                "expected " + expected + " fields, found " + sc.fieldCount());
                    }
                    long id = sc.parseLong(0);
                    String title = sc.text(1);
                    int[] cats = new int[genres.size()];
                    int n = 0;
                    for (int g = 0; g < genres.size(); g++) {
                        int f = 5 + g;
                        if (sc.end(f) - sc.start(f) != 1 || (sc.buffer()[sc.start(f)] != '0'
                                && sc.buffer()[sc.start(f)] != '1')) {
                            throw new RowProblem(SkipReason.OUT_OF_RANGE, f, "must be 0 or 1, was '" + sc.display(f) + "'");
                        }
                        if (sc.buffer()[sc.start(f)] == '1') {
                            cats[n++] = g;
                        }
                    }
                    duplicate(lineOf, id, sc.lineNumber());
                    b.add(id, zero, title, java.util.Arrays.copyOf(cats, n));
                    rec.accepted();
                } catch (RowProblem p) {
                    String field = p.field < 0 ? "" : p.field == 0 ? "movie id" : p.field == 1 ? "movie title"
                            : p.field < 5 ? "column index " + p.field : genres.get(p.field - 5);
                    rec.problem(sc.lineNumber(), field, p.reason, p.problem);
                }
            }
            if (!any) {
                throw rec.fatal(0, "", "the file is empty");
            }
            rec.blankLines(sc.blankLines());
        } catch (IOException e) {
            throw Sources.closeFailed(file, e);
        }
        return new ReadResult<>(b.build(), rec.report());
    }
}
