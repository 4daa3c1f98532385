package org.pinnerformer.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.pinnerformer.api.InputFormatException;
import org.pinnerformer.api.ModelSpec;
import org.pinnerformer.api.SequenceBatch;
import org.pinnerformer.api.Vocabulary;
import org.pinnerformer.core.data.TimelinesBuilder.DropReason;
import org.pinnerformer.core.features.SequenceFeatures;

/**
 * Seeded fuzzing of the action-log reader with corrupted real and generated files (docs/reliability.md).
 *
 * <p>Every case starts from a valid file (generated logs in the project's delimited format, or chunks of the
 * bundled ml-latest-small {@code ratings.csv}), corrupts some lines in ways whose outcome is known (the skip
 * reason, the drop reason, or "still valid") and a few in ways whose outcome is not (truncation), and checks:
 * strict mode throws an {@link InputFormatException} naming file, the first bad line and its field; lenient mode
 * never throws, counts exactly the expected skips and drops, and rows = accepted + skipped, accepted = kept +
 * dropped; no exception other than {@link InputFormatException} ever leaves the reader; and every feature built
 * from the surviving timelines is finite.
 */
class BadInputFuzzTest {
    private static final long SEED = 20261129L;
    private static final int GENERATED_CASES = 2500;
    private static final int MOVIELENS_CASES = 800;

    private static final Vocabulary TYPES = Vocabulary.of("view", "save");
    private static final Vocabulary SURFACES = Vocabulary.of("home", "search");
    private static final String LOG_HEADER = "user,item,ts,type,surface,duration";

    private static List<byte[]> ratingLines;
    private static ItemCatalog movies;

    /** What a column holds, which decides how it can be corrupted. */
    private enum Kind { ID, TIMESTAMP, TOKEN_TYPE, TOKEN_SURFACE, DURATION, RATING }

    /** What the reader and the timelines builder must do with a line. */
    private record Outcome(SkipReason skip, String field, DropReason drop, boolean ambiguous) {
        static final Outcome OK = new Outcome(null, null, null, false);
        static final Outcome AMBIGUOUS = new Outcome(null, null, null, true);

        static Outcome skip(SkipReason r, String field) {
            return new Outcome(r, field, null, false);
        }

        static Outcome drop(DropReason r) {
            return new Outcome(null, null, r, false);
        }
    }

    private static final class Line {
        byte[] bytes;
        Outcome outcome = Outcome.OK;
        final boolean blank;

        Line(byte[] bytes, boolean blank) {
            this.bytes = bytes;
            this.blank = blank;
        }
    }

    /** A file layout: header, column names and kinds, the format, vocabularies and catalogue. */
    private record Layout(String name, String header, List<String> columns, List<Kind> kinds, ActionLogFormat format,
            ItemCatalog catalog, Vocabulary types, Vocabulary surfaces, Set<String> positives) {
    }

    @BeforeAll
    static void loadRealData() throws IOException {
        Path dir = TestData.latestSmall();
        List<String> all = Files.readAllLines(dir.resolve("ratings.csv"), StandardCharsets.UTF_8);
        ratingLines = new ArrayList<>();
        for (String s : all.subList(1, all.size())) {
            ratingLines.add(s.getBytes(StandardCharsets.UTF_8));
        }
        movies = MovieLens.movies(dir.resolve("movies.csv"), ReadMode.STRICT).value();
    }

    private static Layout generatedLayout() {
        ActionLogFormat format = ActionLogFormat.builder().user(Column.named("user")).item(Column.named("item"))
                .timestamp(Column.named("ts")).actionType(TokenSource.column("type"))
                .surface(TokenSource.column("surface")).duration(Column.named("duration")).build();
        ItemCatalog.Builder b = ItemCatalog.builder(3);
        for (long id = 1; id <= 30; id++) {
            b.add(id, new float[] {id, -id, 0.5f}, null);
        }
        return new Layout("log.csv", LOG_HEADER, List.of("user", "item", "ts", "type", "surface", "duration"),
                List.of(Kind.ID, Kind.ID, Kind.TIMESTAMP, Kind.TOKEN_TYPE, Kind.TOKEN_SURFACE, Kind.DURATION), format,
                b.build(), TYPES, SURFACES, Set.of("save"));
    }

    private static Layout movieLensLayout() {
        return new Layout("ratings.csv", "userId,movieId,rating,timestamp",
                List.of("userId", "movieId", "rating", "timestamp"),
                List.of(Kind.ID, Kind.ID, Kind.RATING, Kind.TIMESTAMP), MovieLens.latestSmallRatingsFormat(), movies,
                MovieLens.ACTION_TYPES, MovieLens.SURFACES, MovieLens.POSITIVE_TYPES);
    }

    /** A valid generated log: a few users, some of them without any positive action, times increasing. */
    private static List<Line> generatedLines(Random r) {
        int rows = 10 + r.nextInt(40);
        int users = 1 + r.nextInt(6);
        long noPositive = 1 + r.nextInt(users); // this user only ever views
        List<Line> lines = new ArrayList<>();
        double t = 1.6e9 + r.nextInt(1_000_000);
        for (int i = 0; i < rows; i++) {
            long user = 1 + r.nextInt(users);
            String type = user == noPositive || r.nextBoolean() ? "view" : "save";
            t += 1 + r.nextInt(5000) + (r.nextBoolean() ? 0.25 : 0);
            String s = user + "," + (1 + r.nextInt(30)) + "," + t + "," + type + ","
                    + SURFACES.tokens().get(r.nextInt(2)) + "," + (r.nextInt(4) == 0 ? "0" : r.nextInt(600) + ".5");
            lines.add(new Line(s.getBytes(StandardCharsets.UTF_8), false));
        }
        return lines;
    }

    private static List<Line> movieLensLines(Random r) {
        int rows = 20 + r.nextInt(80);
        int from = r.nextInt(ratingLines.size() - rows);
        List<Line> lines = new ArrayList<>();
        for (int i = from; i < from + rows; i++) {
            lines.add(new Line(ratingLines.get(i).clone(), false));
        }
        return lines;
    }

    @Test
    void generatedActionLogsWithCorruptLines() {
        Random r = new Random(SEED);
        Layout layout = generatedLayout();
        Tally tally = new Tally();
        for (int c = 0; c < GENERATED_CASES; c++) {
            runCase(layout, generatedLines(r), r, c, tally);
        }
        tally.check(GENERATED_CASES, EnumSet.complementOf(EnumSet.of(SkipReason.DUPLICATE_KEY)));
    }

    @Test
    void movieLensRatingsWithCorruptLines() {
        Random r = new Random(SEED + 1);
        Layout layout = movieLensLayout();
        Tally tally = new Tally();
        for (int c = 0; c < MOVIELENS_CASES; c++) {
            runCase(layout, movieLensLines(r), r, c, tally);
        }
        // No text column in ratings.csv: invalid bytes land in numbers (NOT_A_NUMBER).
        tally.check(MOVIELENS_CASES, EnumSet.complementOf(EnumSet.of(SkipReason.DUPLICATE_KEY,
                SkipReason.INVALID_TEXT)));
    }

    /** Counts what the cases exercised, so that a change to the generator cannot silently test nothing. */
    private static final class Tally {
        final EnumMap<SkipReason, Long> skipped = new EnumMap<>(SkipReason.class);
        final EnumMap<DropReason, Long> dropped = new EnumMap<>(DropReason.class);
        long strictThrows;
        long featureValues;

        void check(int cases, Set<SkipReason> expected) {
            System.out.printf("%d cases: %d strict failures; lenient skips %s; drops %s; %d feature values checked%n",
                    cases, strictThrows, skipped, dropped, featureValues);
            assertThat(strictThrows).as("strict failures").isGreaterThan(cases / 3);
            assertThat(featureValues).isGreaterThan(500L * cases);
            for (SkipReason reason : expected) {
                assertThat(skipped.getOrDefault(reason, 0L)).as("rows skipped as %s", reason).isGreaterThan(10);
            }
            assertThat(dropped.getOrDefault(DropReason.DUPLICATE, 0L)).isGreaterThan(10);
            assertThat(dropped.getOrDefault(DropReason.UNKNOWN_ITEM, 0L)).isGreaterThan(10);
        }
    }

    private static void runCase(Layout layout, List<Line> lines, Random r, int c, Tally tally) {
        int mutations = r.nextInt(6);
        for (int m = 0; m < mutations; m++) {
            mutate(layout, lines, r);
        }
        byte[] file = render(layout, lines);
        boolean truncatedFile = r.nextInt(20) == 0;
        if (truncatedFile) {
            file = Arrays.copyOf(file, r.nextInt(file.length + 1));
        }
        String source = layout.name() + "#" + c;
        String context = "case " + c + ":\n" + new String(file, StandardCharsets.ISO_8859_1);
        boolean empty = isBlank(file);

        // Strict: the first definitely bad line stops the read with a message naming it and its field.
        int firstBad = -1;
        int firstAmbiguous = -1;
        for (int i = 0; i < lines.size(); i++) {
            Outcome o = lines.get(i).outcome;
            if (o.ambiguous() && firstAmbiguous < 0) {
                firstAmbiguous = i;
            }
            if (o.skip() != null && firstBad < 0) {
                firstBad = i;
            }
        }
        try {
            new ActionLogReader(layout.format(), ReadMode.STRICT).read(new ByteArrayInputStream(file), source,
                    new ActionTable());
            assertThat(empty).as("an empty file is an error; %s", context).isFalse();
            if (!truncatedFile) {
                assertThat(firstBad).as("strict read accepted a bad line; %s", context).isNegative();
            }
        } catch (InputFormatException e) {
            tally.strictThrows++;
            if (empty) {
                assertThat(e).hasMessage(source + ": the file is empty");
            } else if (truncatedFile && file.length <= layout.header().length()) {
                assertThat(e.getMessage()).startsWith(source + ", line 1: the mapping names column '");
            } else if (!truncatedFile && firstBad >= 0 && (firstAmbiguous < 0 || firstAmbiguous > firstBad)) {
                Outcome o = lines.get(firstBad).outcome;
                String where = source + ", line " + (firstBad + 2)
                        + (o.field().isEmpty() ? "" : ", field '" + o.field() + "'") + ": ";
                assertThat(e.getMessage()).as(context).startsWith(where);
                assertThat(e.line()).isEqualTo(firstBad + 2);
                assertThat(e.field()).isEqualTo(o.field());
            } else {
                assertThat(e.getMessage()).as(context).startsWith(source + ", line ");
            }
        } catch (RuntimeException e) {
            fail("strict read threw " + e + "; " + context, e);
        }

        // Lenient: never throws on rows; every row is accepted or skipped with its reason.
        ActionTable table = new ActionTable();
        ReadReport report;
        try {
            report = new ActionLogReader(layout.format(), ReadMode.LENIENT).read(new ByteArrayInputStream(file),
                    source, table);
        } catch (InputFormatException e) {
            if (empty) {
                assertThat(e).hasMessage(source + ": the file is empty");
            } else {
                // Only a file cut inside its header may fail as a whole: the mapping's columns are missing.
                assertThat(truncatedFile && file.length <= layout.header().length()).as("lenient read threw %s; %s",
                        e, context).isTrue();
                assertThat(e.getMessage()).startsWith(source + ", line 1: the mapping names column '");
            }
            return;
        } catch (RuntimeException e) {
            fail("lenient read threw " + e + "; " + context, e);
            return;
        }
        assertThat(empty).as(context).isFalse();
        assertThat(report.accepted() + report.totalSkipped()).as(context).isEqualTo(report.rows());
        assertThat(report.accepted()).as(context).isEqualTo(table.size());
        report.skipped().forEach((k, v) -> tally.skipped.merge(k, v, Long::sum));

        Dataset d = Dataset.assemble(layout.name(), layout.catalog(), table, layout.types(), layout.surfaces(),
                layout.positives(), report);
        Timelines t = d.timelines();
        assertThat((long) t.actionCount() + d.report().totalDropped()).as(context).isEqualTo(table.size());
        d.report().dropped().forEach((k, v) -> tally.dropped.merge(k, v, Long::sum));

        boolean exact = !truncatedFile && firstAmbiguous < 0;
        if (exact) {
            EnumMap<SkipReason, Long> skips = new EnumMap<>(SkipReason.class);
            EnumMap<DropReason, Long> drops = new EnumMap<>(DropReason.class);
            long rows = 0;
            for (Line l : lines) {
                if (!l.blank) {
                    rows++;
                }
                if (l.outcome.skip() != null) {
                    skips.merge(l.outcome.skip(), 1L, Long::sum);
                }
                if (l.outcome.drop() != null) {
                    drops.merge(l.outcome.drop(), 1L, Long::sum);
                }
            }
            assertThat(report.rows()).as(context).isEqualTo(rows);
            assertThat(nonZero(report.skipped())).as(context).isEqualTo(skips);
            assertThat(nonZero(d.report().dropped())).as(context).isEqualTo(drops);
        }
        checkTimelines(t, context);
        tally.featureValues += checkFeatures(d, context);
    }

    private static <K extends Enum<K>> java.util.Map<K, Long> nonZero(java.util.Map<K, Long> counts) {
        java.util.Map<K, Long> out = new java.util.HashMap<>();
        counts.forEach((k, v) -> {
            if (v != 0) {
                out.put(k, v);
            }
        });
        return out;
    }

    private static void checkTimelines(Timelines t, String context) {
        for (int u = 0; u < t.userCount(); u++) {
            for (int i = t.start(u) + 1; i < t.end(u); i++) {
                assertThat(t.timestamp(i)).as(context).isGreaterThanOrEqualTo(t.timestamp(i - 1));
            }
            for (int i = t.start(u); i < t.end(u); i++) {
                assertThat(Double.isFinite(t.timestamp(i)) && Float.isFinite(t.duration(i)) && t.duration(i) >= 0)
                        .as(context).isTrue();
            }
        }
    }

    /** Builds the newest window of every user (users without positives included) and checks every value. */
    private static long checkFeatures(Dataset d, String context) {
        Timelines t = d.timelines();
        if (t.userCount() == 0) {
            return 0;
        }
        ModelSpec spec = ModelSpec.smallPreset().toBuilder().itemVectorSize(d.catalog().vectorSize())
                .maxSequenceLength(8).build();
        SequenceFeatures f = new SequenceFeatures(spec, t, d.catalog());
        int n = t.userCount();
        int[] users = new int[n];
        int[] from = new int[n];
        int[] to = new int[n];
        for (int u = 0; u < n; u++) {
            users[u] = u;
            to[u] = t.end(u);
            from[u] = Math.max(t.start(u), to[u] - 8);
        }
        SequenceBatch b = f.build(n, users, from, to);
        long values = 0;
        for (Function<SequenceBatch, java.nio.FloatBuffer> part : List.<Function<SequenceBatch,
                java.nio.FloatBuffer>>of(SequenceBatch::itemVectors, SequenceBatch::durationLog1p,
                SequenceBatch::timeAngles, SequenceBatch::timeLog1p, SequenceBatch::validMask)) {
            java.nio.FloatBuffer buf = part.apply(b);
            while (buf.hasRemaining()) {
                float v = buf.get();
                if (!Float.isFinite(v)) {
                    fail("a feature is " + v + "; " + context);
                }
                values++;
            }
        }
        return values;
    }

    private static boolean isBlank(byte[] file) {
        String s = new String(file, StandardCharsets.ISO_8859_1);
        if (s.startsWith("\u00EF\u00BB\u00BF")) {
            s = s.substring(3);
        }
        return s.replace(" ", "").replace("\t", "").replace("\r", "").replace("\n", "").isEmpty();
    }

    private static byte[] render(Layout layout, List<Line> lines) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes((layout.header() + "\n").getBytes(StandardCharsets.UTF_8));
        for (Line l : lines) {
            out.writeBytes(l.bytes);
            out.write('\n');
        }
        return out.toByteArray();
    }

    /** An index of a line that is still untouched, or -1. */
    private static int untouched(List<Line> lines, Random r) {
        for (int tries = 0; tries < 20; tries++) {
            int i = r.nextInt(lines.size());
            Line l = lines.get(i);
            if (!l.blank && l.outcome == Outcome.OK) {
                return i;
            }
        }
        return -1;
    }

    private static List<byte[]> fields(byte[] line) {
        List<byte[]> out = new ArrayList<>();
        int s = 0;
        for (int i = 0; i <= line.length; i++) {
            if (i == line.length || line[i] == ',') {
                out.add(Arrays.copyOfRange(line, s, i));
                s = i + 1;
            }
        }
        return out;
    }

    private static byte[] join(List<byte[]> fields) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.writeBytes(fields.get(i));
        }
        return out.toByteArray();
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static final String[] NOT_NUMBERS = {"abc", "1x", "0x10", "12d", "1.2.3", "--4", "1e", "+", "-", ".",
        "one", "1,5", "\u00e9"};
    private static final String[] NOT_FINITE = {"NaN", "nan", "-NaN", "Infinity", "-Infinity", "inf", "+inf",
        "1e400", "-2e999"};
    private static final String[] NOT_INTEGERS = {"3.5", "1e3", "7.", "NaN"};

    /** Applies one corruption with a known (or explicitly unknown) outcome. */
    private static void mutate(Layout layout, List<Line> lines, Random r) {
        int i = untouched(lines, r);
        if (i < 0) {
            return;
        }
        Line line = lines.get(i);
        List<byte[]> f = fields(line.bytes);
        int col = r.nextInt(f.size());
        Kind kind = layout.kinds().get(col);
        String name = layout.columns().get(col);
        switch (r.nextInt(16)) {
            case 0 -> { // one field too many
                f.add(ascii(r.nextBoolean() ? "x" : ""));
                line.bytes = join(f);
                line.outcome = Outcome.skip(SkipReason.WRONG_FIELD_COUNT, "");
            }
            case 1 -> { // one field too few
                f.remove(col);
                line.bytes = join(f);
                line.outcome = Outcome.skip(SkipReason.WRONG_FIELD_COUNT, "");
            }
            case 2 -> { // not a number
                if (isToken(kind)) {
                    return;
                }
                String bad = kind == Kind.ID ? NOT_INTEGERS[r.nextInt(NOT_INTEGERS.length)]
                        : NOT_NUMBERS[r.nextInt(NOT_NUMBERS.length)];
                if (kind != Kind.ID && bad.equals("1,5")) {
                    bad = "1;5";
                }
                f.set(col, ascii(bad));
                line.bytes = join(f);
                line.outcome = Outcome.skip(SkipReason.NOT_A_NUMBER, name);
            }
            case 3 -> { // NaN and infinities in a real-valued column
                if (kind == Kind.ID || isToken(kind)) {
                    return;
                }
                f.set(col, ascii(NOT_FINITE[r.nextInt(NOT_FINITE.length)]));
                line.bytes = join(f);
                line.outcome = Outcome.skip(SkipReason.NOT_FINITE, name);
            }
            case 4 -> { // negative duration
                int d = layout.kinds().indexOf(Kind.DURATION);
                if (d < 0) {
                    return;
                }
                f.set(d, ascii("-" + (1 + r.nextInt(100)) + (r.nextBoolean() ? ".5" : "")));
                line.bytes = join(f);
                line.outcome = Outcome.skip(SkipReason.OUT_OF_RANGE, layout.columns().get(d));
            }
            case 5 -> { // empty field
                f.set(col, ascii(r.nextBoolean() ? "" : "  "));
                if (isToken(kind) && f.get(col).length > 0) {
                    return; // "  " is a token (unknown, dropped); covered by case 9
                }
                line.bytes = join(f);
                line.outcome = Outcome.skip(SkipReason.EMPTY_FIELD, name);
            }
            case 6 -> { // a quote that does not close, or text after the closing quote
                String text = new String(f.get(col), StandardCharsets.UTF_8);
                f.set(col, ascii(r.nextBoolean() ? "\"" + text : "\"" + text + "\"x"));
                line.bytes = join(f);
                line.outcome = Outcome.skip(SkipReason.MALFORMED_QUOTE, name);
            }
            case 7 -> { // invalid UTF-8: a token is invalid text, a number is not a number
                byte[] bad = r.nextBoolean() ? new byte[] {'a', (byte) 0xC3, '('} : new byte[] {(byte) 0xFF, '7'};
                f.set(col, bad);
                line.bytes = join(f);
                line.outcome = isToken(kind) ? Outcome.skip(SkipReason.INVALID_TEXT, name)
                        : Outcome.skip(SkipReason.NOT_A_NUMBER, name);
            }
            case 8 -> { // integers out of range, and very long fields
                if (kind != Kind.ID) {
                    return;
                }
                String big = r.nextBoolean() ? "99999999999999999999" : "9".repeat(2000 + r.nextInt(50_000));
                f.set(col, ascii(big));
                line.bytes = join(f);
                line.outcome = Outcome.skip(SkipReason.OUT_OF_RANGE, name);
            }
            case 9 -> { // unknown action type or surface: read, then dropped
                int t = layout.kinds().indexOf(r.nextBoolean() ? Kind.TOKEN_TYPE : Kind.TOKEN_SURFACE);
                if (t < 0) {
                    return;
                }
                String token = r.nextInt(10) == 0 ? "z".repeat(100_000) : r.nextBoolean() ? "like" : "h\u00f6me";
                f.set(t, token.getBytes(StandardCharsets.UTF_8));
                line.bytes = join(f);
                line.outcome = Outcome.drop(layout.kinds().get(t) == Kind.TOKEN_TYPE ? DropReason.UNKNOWN_ACTION_TYPE
                        : DropReason.UNKNOWN_SURFACE);
            }
            case 10 -> { // an item the catalogue lacks: read, then dropped
                f.set(1, ascii(String.valueOf(1_000_000_000L + r.nextInt(1000))));
                line.bytes = join(f);
                line.outcome = Outcome.drop(DropReason.UNKNOWN_ITEM);
            }
            case 11 -> { // an exact duplicate of a valid line: read, then dropped
                Line copy = new Line(line.bytes.clone(), false);
                copy.outcome = Outcome.drop(DropReason.DUPLICATE);
                line.outcome = new Outcome(null, null, null, false); // keep the original out of later mutations
                lines.add(r.nextInt(lines.size() + 1), copy);
            }
            case 12 -> { // out of order: swap with another untouched line (timelines sort)
                int j = untouched(lines, r);
                if (j >= 0 && j != i) {
                    lines.set(i, lines.get(j));
                    lines.set(j, line);
                }
            }
            case 13 -> { // timestamps far in the past or future: refused as out of range
                int ts = layout.kinds().indexOf(Kind.TIMESTAMP);
                String[] far = {"1e12", "-1e12", "1.5e308", "-1.7e308", "1e300", "-9e15", "300000000000"};
                f.set(ts, ascii(far[r.nextInt(far.length)]));
                line.bytes = join(f);
                line.outcome = Outcome.skip(SkipReason.OUT_OF_RANGE, layout.columns().get(ts));
            }
            case 14 -> { // blank lines, CRLF endings and trailing spaces on numbers are fine
                switch (r.nextInt(3)) {
                    case 0 -> {
                        Line blank = new Line(ascii(r.nextBoolean() ? "" : " \t "), true);
                        lines.add(r.nextInt(lines.size() + 1), blank);
                    }
                    case 1 -> line.bytes = Arrays.copyOf(join(f), line.bytes.length + 1);
                    default -> {
                        if (kind == Kind.ID || kind == Kind.TIMESTAMP || kind == Kind.DURATION) {
                            f.set(col, ascii(" " + new String(f.get(col), StandardCharsets.UTF_8) + "\t"));
                            line.bytes = join(f);
                        }
                    }
                }
                if (line.bytes.length > 0 && line.bytes[line.bytes.length - 1] == 0) {
                    line.bytes[line.bytes.length - 1] = '\r';
                }
                if (line.outcome == Outcome.OK) {
                    line.outcome = new Outcome(null, null, null, false);
                }
            }
            default -> { // truncated line: the outcome depends on where the cut falls
                line.bytes = Arrays.copyOf(line.bytes, r.nextInt(line.bytes.length));
                line.outcome = Outcome.AMBIGUOUS;
            }
        }
    }

    private static boolean isToken(Kind k) {
        return k == Kind.TOKEN_TYPE || k == Kind.TOKEN_SURFACE;
    }

    @Test
    void emptyFilesFailInBothModesWithOneSentence() {
        for (String content : new String[] {"", "\n", " \t\n\n", "\uFEFF", "\uFEFF\n \n"}) {
            for (ReadMode mode : ReadMode.values()) {
                assertThatThrownBy(() -> new ActionLogReader(generatedLayout().format(), mode).read(
                        new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)), "e.csv", new ActionTable()))
                        .isInstanceOf(InputFormatException.class).hasMessage("e.csv: the file is empty");
            }
        }
    }

    @Test
    void aLineLongerThanTheLimitFailsInBothModesNamingItsLine() {
        byte[] file = new byte[DelimitedScanner.MAX_LINE_BYTES + 100];
        byte[] head = ascii(LOG_HEADER + "\n1,2,3,view,home,0\n");
        System.arraycopy(head, 0, file, 0, head.length);
        Arrays.fill(file, head.length, file.length, (byte) '7');
        for (ReadMode mode : ReadMode.values()) {
            assertThatThrownBy(() -> new ActionLogReader(generatedLayout().format(), mode).read(
                    new ByteArrayInputStream(file), "long.csv", new ActionTable()))
                    .isInstanceOf(InputFormatException.class)
                    .hasMessage("long.csv, line 3: the line is longer than " + DelimitedScanner.MAX_LINE_BYTES
                            + " bytes; is this a text file?");
        }
    }

    @Test
    void timelinesRefuseTimestampsWhoseDifferenceWouldOverflowToInfinity() {
        // 1.5e308 - (-1.7e308) is infinite: the "time since newest" angle would be NaN.
        TimelinesBuilder b = new TimelinesBuilder(generatedLayout().catalog(), TYPES, SURFACES, Set.of("save"));
        b.add(1, 0, 1.6e9, 0, 0, 0f);
        assertThatThrownBy(() -> b.add(1, 0, -1.7e308, 0, 0, 0f)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("timestamp must be epoch seconds in the years 1 to 9999 and duration finite and >= 0,"
                        + " were -1.7E308 and 0.0");
        assertThat(TimestampUnit.inRange(TimestampUnit.LATEST_SECONDS)).isTrue();
        assertThat(TimestampUnit.inRange(Math.nextUp(TimestampUnit.LATEST_SECONDS))).isFalse();
        assertThat(TimestampUnit.inRange(Double.NaN)).isFalse();
        assertThat(java.time.Instant.ofEpochSecond((long) TimestampUnit.EARLIEST_SECONDS).toString())
                .isEqualTo("0001-01-01T00:00:00Z");
        assertThat(java.time.Instant.ofEpochSecond((long) TimestampUnit.LATEST_SECONDS).toString())
                .isEqualTo("9999-12-31T23:59:59Z");
    }

    @Test
    void aTimestampInMillisecondsReadAsSecondsIsRefusedWithAHint() {
        byte[] file = ascii(LOG_HEADER + "\n1,2,1700000000000,view,home,0\n");
        assertThatThrownBy(() -> new ActionLogReader(generatedLayout().format(), ReadMode.STRICT).read(
                new ByteArrayInputStream(file), "ms.csv", new ActionTable()))
                .isInstanceOf(InputFormatException.class)
                .hasMessage("ms.csv, line 2, field 'ts': is outside the years 1 to 9999: '1700000000000';"
                        + " is the timestamp unit right?");
    }
}
