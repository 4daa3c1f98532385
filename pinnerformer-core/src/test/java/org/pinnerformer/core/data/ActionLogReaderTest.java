package org.pinnerformer.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pinnerformer.api.Action;
import org.pinnerformer.api.InputFormatException;
import org.pinnerformer.api.PinnerFormerException;

class ActionLogReaderTest {
    @TempDir
    Path dir;

    /** user,item,ts,type,surface,duration with a header, mapped by name. */
    private static ActionLogFormat.Builder named() {
        return ActionLogFormat.builder().user(Column.named("user")).item(Column.named("item"))
                .timestamp(Column.named("ts")).actionType(TokenSource.column("type"))
                .surface(TokenSource.column("surface")).duration(Column.named("duration"));
    }

    private static final String HEADER = "user,item,ts,type,surface,duration\n";

    private Path write(String name, String content) throws IOException {
        return Files.write(dir.resolve(name), content.getBytes(StandardCharsets.UTF_8));
    }

    private static List<Action> actions(ActionTable t) {
        List<Action> a = new ArrayList<>();
        for (int i = 0; i < t.size(); i++) {
            a.add(t.action(i));
        }
        return a;
    }

    @Test
    void readsColumnsByNameInAnyOrder() throws IOException {
        Path f = write("log.csv", "duration,surface,type,ts,item,user\n2.5,home,click,100,7,1\n0,search,save,101.5,8,2\n");
        ActionTable t = new ActionTable();
        ReadReport r = new ActionLogReader(named().build(), ReadMode.STRICT).read(f, t);
        assertThat(actions(t)).containsExactly(new Action(1, 7, 100, "click", "home", 2.5),
                new Action(2, 8, 101.5, "save", "search", 0));
        assertThat(r.rows()).isEqualTo(2);
        assertThat(r.accepted()).isEqualTo(2);
        assertThat(r.sources()).containsExactly(f.toString());
    }

    @Test
    void readsHeaderlessTabSeparatedLogByIndexWithConstantTypeAndSurface() throws IOException {
        Path f = write("u.data", "196\t242\t3\t881250949\n186\t302\t3\t891717742\n");
        ActionLogFormat format = ActionLogFormat.builder().delimiter('\t').header(false).user(Column.index(0))
                .item(Column.index(1)).timestamp(Column.index(3)).actionType(TokenSource.constant("rate"))
                .surface(TokenSource.constant("web")).build();
        ActionTable t = new ActionTable();
        new ActionLogReader(format, ReadMode.STRICT).read(f, t);
        assertThat(actions(t)).containsExactly(new Action(196, 242, 881250949, "rate", "web", 0),
                new Action(186, 302, 891717742, "rate", "web", 0));
    }

    @Test
    void choosesActionTypeByThreshold() throws IOException {
        Path f = write("r.csv", "userId,movieId,rating,timestamp\n1,1,4.0,10\n1,2,3.5,11\n1,3,5,12\n");
        ActionLogFormat format = ActionLogFormat.builder().user(Column.named("userId")).item(Column.named("movieId"))
                .timestamp(Column.named("timestamp"))
                .actionType(TokenSource.threshold("rating", 4.0, "rate-high", "rate-low"))
                .surface(TokenSource.constant("web")).build();
        ActionTable t = new ActionTable();
        new ActionLogReader(format, ReadMode.STRICT).read(f, t);
        assertThat(actions(t)).extracting(Action::actionType).containsExactly("rate-high", "rate-low", "rate-high");
    }

    @Test
    void convertsMillisecondTimestampsToSeconds() throws IOException {
        Path f = write("ms.csv", HEADER + "1,2,1511544070123,click,home,0\n");
        ActionTable t = new ActionTable();
        new ActionLogReader(named().timestampUnit(TimestampUnit.MILLISECONDS).build(), ReadMode.STRICT).read(f, t);
        assertThat(t.timestamp(0)).isEqualTo(1511544070.123);
    }

    @Test
    void readsQuotedFieldsWithCommasAndDoubledQuotes() throws IOException {
        Path f = write("q.csv", HEADER + "1,2,3,\"click, then \"\"save\"\"\",\"home\",0\n");
        ActionTable t = new ActionTable();
        new ActionLogReader(named().build(), ReadMode.STRICT).read(f, t);
        assertThat(t.actionType(0)).isEqualTo("click, then \"save\"");
        assertThat(t.surface(0)).isEqualTo("home");
    }

    @Test
    void acceptsCrlfBlankLinesByteOrderMarkAndNoFinalNewline() throws IOException {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        String body = "user,item,ts,type,surface,duration\r\n\r\n1,2,3,click,home,0\r\n  \r\n4,5,6,save,home,1";
        byte[] all = new byte[bom.length + body.length()];
        System.arraycopy(bom, 0, all, 0, 3);
        System.arraycopy(body.getBytes(StandardCharsets.US_ASCII), 0, all, 3, body.length());
        Path f = Files.write(dir.resolve("crlf.csv"), all);
        ActionTable t = new ActionTable();
        ReadReport r = new ActionLogReader(named().build(), ReadMode.STRICT).read(f, t);
        assertThat(actions(t)).containsExactly(new Action(1, 2, 3, "click", "home", 0),
                new Action(4, 5, 6, "save", "home", 1));
        assertThat(r.blankLines()).isEqualTo(2);
        assertThat(r.rows()).isEqualTo(2);
    }

    @Test
    void keepsItemCategoryWhenMapped() throws IOException {
        Path f = write("c.csv", "1,10,55,pv,100\n1,11,56,buy,101\n");
        ActionLogFormat format = ActionLogFormat.builder().columnNames("user", "item", "category", "behavior", "ts")
                .user(Column.named("user")).item(Column.named("item")).timestamp(Column.named("ts"))
                .actionType(TokenSource.column("behavior")).surface(TokenSource.constant("app"))
                .itemCategory(Column.named("category")).build();
        ActionTable t = new ActionTable();
        new ActionLogReader(format, ReadMode.STRICT).read(f, t);
        assertThat(t.itemCategory(0)).contains("55");
        assertThat(t.itemCategory(1)).contains("56");
        assertThat(t.actionTypeCounts()).containsExactly(java.util.Map.entry("pv", 1L), java.util.Map.entry("buy", 1L));
    }

    @Test
    void readsRowsAcrossBufferBoundaries() throws IOException {
        StringBuilder sb = new StringBuilder(HEADER);
        int n = 20_000; // about 500 KB: many 64 KB buffer refills, lines cut at every position
        for (int i = 0; i < n; i++) {
            sb.append(i).append(',').append(i * 7L).append(',').append(1_000_000 + i).append(".25,")
                    .append(i % 3 == 0 ? "click" : "\"save, later\"").append(",home,").append(i % 11).append('\n');
        }
        Path f = write("big.csv", sb.toString());
        ActionTable t = new ActionTable();
        ReadReport r = new ActionLogReader(named().build(), ReadMode.STRICT).read(f, t);
        assertThat(r.accepted()).isEqualTo(n);
        for (int i = 0; i < n; i++) {
            assertThat(t.action(i)).isEqualTo(new Action(i, i * 7L, 1_000_000 + i + 0.25,
                    i % 3 == 0 ? "click" : "save, later", "home", i % 11));
        }
    }

    @Test
    void readsFromAStream() {
        byte[] bytes = (HEADER + "1,2,3,click,home,0\n").getBytes(StandardCharsets.UTF_8);
        ActionTable t = new ActionTable();
        ReadReport r = new ActionLogReader(named().build(), ReadMode.STRICT)
                .read(new ByteArrayInputStream(bytes), "memory", t);
        assertThat(t.size()).isEqualTo(1);
        assertThat(r.sources()).containsExactly("memory");
    }

    // ---- strict mode: exact messages naming file, line and field ----

    private String strictError(String content) throws IOException {
        Path f = write("bad.csv", content);
        return assertThatThrownBy(() -> new ActionLogReader(named().build(), ReadMode.STRICT)
                .read(f, new ActionTable())).isInstanceOf(InputFormatException.class).actual().getMessage();
    }

    private String path() {
        return dir.resolve("bad.csv").toString();
    }

    @Test
    void namesTheLineOfATruncatedRow() throws IOException {
        assertThat(strictError(HEADER + "1,2,3,click,home,0\n1,2,3\n"))
                .isEqualTo(path() + ", line 3: expected 6 fields, found 3");
    }

    @Test
    void namesTheFieldThatIsNotANumber() throws IOException {
        assertThat(strictError(HEADER + "1,x7,3,click,home,0\n"))
                .isEqualTo(path() + ", line 2, field 'item': is not an integer: 'x7'");
        assertThat(strictError(HEADER + "1,7,3,click,home,1.5s\n"))
                .isEqualTo(path() + ", line 2, field 'duration': is not a number: '1.5s'");
    }

    @Test
    void rejectsNaNAndInfinity() throws IOException {
        assertThat(strictError(HEADER + "1,2,NaN,click,home,0\n"))
                .isEqualTo(path() + ", line 2, field 'ts': is not finite: 'NaN'");
        assertThat(strictError(HEADER + "1,2,3,click,home,-Infinity\n"))
                .isEqualTo(path() + ", line 2, field 'duration': is not finite: '-Infinity'");
        assertThat(strictError(HEADER + "1,2,1e400,click,home,0\n"))
                .isEqualTo(path() + ", line 2, field 'ts': is too large to be a finite number: '1e400'");
    }

    @Test
    void rejectsANegativeDuration() throws IOException {
        assertThat(strictError(HEADER + "\n1,2,3,click,home,-3\n"))
                .isEqualTo(path() + ", line 3, field 'duration': must not be negative: '-3'");
    }

    @Test
    void rejectsAnEmptyField() throws IOException {
        assertThat(strictError(HEADER + "1,,3,click,home,0\n"))
                .isEqualTo(path() + ", line 2, field 'item': is empty");
    }

    @Test
    void rejectsAnUnclosedQuote() throws IOException {
        assertThat(strictError(HEADER + "1,2,3,\"click,home,0\n"))
                .isEqualTo(path() + ", line 2, field 'type': has a quoted value that is not closed on this line");
        assertThat(strictError(HEADER + "1,2,3,\"click\"x,home,0\n"))
                .isEqualTo(path() + ", line 2, field 'type': has text after the closing quote of a quoted value");
    }

    @Test
    void reportsInvalidUtf8InATextField() throws IOException {
        byte[] bad = (HEADER + "1,2,3,cl\u00ffck,home,0\n").getBytes(StandardCharsets.ISO_8859_1);
        Path f = Files.write(dir.resolve("bad.csv"), bad);
        assertThatThrownBy(() -> new ActionLogReader(named().build(), ReadMode.STRICT).read(f, new ActionTable()))
                .isInstanceOf(InputFormatException.class)
                .hasMessage(f + ", line 2, field 'type': is not valid UTF-8: 'cl\uFFFDck'");
    }

    @Test
    void rejectsAnEmptyFileInBothModes() throws IOException {
        Path f = write("empty.csv", "");
        Path blank = write("blank.csv", "\n \r\n\n");
        for (ReadMode mode : ReadMode.values()) {
            assertThatThrownBy(() -> new ActionLogReader(named().build(), mode).read(f, new ActionTable()))
                    .isInstanceOf(InputFormatException.class).hasMessage(f + ": the file is empty");
            assertThatThrownBy(() -> new ActionLogReader(named().build(), mode).read(blank, new ActionTable()))
                    .isInstanceOf(InputFormatException.class).hasMessage(blank + ": the file is empty");
        }
    }

    @Test
    void rejectsAMappingThatNamesAnUnknownColumn() throws IOException {
        Path f = write("ratings.csv", "userId,movieId,rating,timestamp\n1,2,3,4\n");
        ActionLogFormat format = ActionLogFormat.builder().user(Column.named("usr")).item(Column.named("movieId"))
                .timestamp(Column.named("timestamp")).actionType(TokenSource.constant("rate"))
                .surface(TokenSource.constant("web")).build();
        for (ReadMode mode : ReadMode.values()) {
            assertThatThrownBy(() -> new ActionLogReader(format, mode).read(f, new ActionTable()))
                    .isInstanceOf(InputFormatException.class).hasMessage(f + ", line 1: the mapping names column 'usr',"
                            + " which is not in the header [userId, movieId, rating, timestamp]");
        }
    }

    @Test
    void rejectsAMappingIndexPastTheLastColumn() throws IOException {
        Path f = write("u.data", "1\t2\t3\t4\n");
        ActionLogFormat format = ActionLogFormat.builder().delimiter('\t').header(false).user(Column.index(0))
                .item(Column.index(1)).timestamp(Column.index(4)).actionType(TokenSource.constant("rate"))
                .surface(TokenSource.constant("web")).build();
        assertThatThrownBy(() -> new ActionLogReader(format, ReadMode.STRICT).read(f, new ActionTable()))
                .isInstanceOf(InputFormatException.class)
                .hasMessage(f + ", line 1: the mapping uses column index 4, but the first row has 4 fields");
    }

    @Test
    void saysWhenTheFileDoesNotExist() {
        Path missing = dir.resolve("missing.csv");
        assertThatThrownBy(() -> new ActionLogReader(named().build(), ReadMode.STRICT).read(missing, new ActionTable()))
                .isInstanceOf(PinnerFormerException.class)
                .hasMessage("cannot read " + missing + ": the file does not exist");
    }

    // ---- lenient mode ----

    @Test
    void lenientModeCountsEachReasonAndKeepsEveryGoodRow() throws IOException {
        String content = HEADER
                + "1,10,100,click,home,0\n"          // good
                + "1,2,3\n"                          // wrong field count
                + "2,20,200,save,home,1.5\n"         // good
                + "x,2,3,click,home,0\n"             // not a number
                + "1,2,NaN,click,home,0\n"           // not finite
                + "\n"                               // blank, ignored
                + "1,2,3,click,home,-1\n"            // negative duration
                + "1,2,3,click,home,-2\n"            // negative duration
                + "3,30,300,\"view, long\",home,0\n" // good
                + "1,2,3,\"click,home,0\n"           // malformed quote
                + "1,,3,click,home,0\n"              // empty field
                + "4,40,400,click,search,2\n";       // good
        Path f = write("mixed.csv", content);
        ActionTable t = new ActionTable();
        ReadReport r = new ActionLogReader(named().build(), ReadMode.LENIENT).read(f, t);
        assertThat(actions(t)).containsExactly(new Action(1, 10, 100, "click", "home", 0),
                new Action(2, 20, 200, "save", "home", 1.5), new Action(3, 30, 300, "view, long", "home", 0),
                new Action(4, 40, 400, "click", "search", 2));
        assertThat(r.rows()).isEqualTo(11);
        assertThat(r.accepted()).isEqualTo(4);
        assertThat(r.blankLines()).isEqualTo(1);
        assertThat(r.skipped(SkipReason.WRONG_FIELD_COUNT)).isEqualTo(1);
        assertThat(r.skipped(SkipReason.NOT_A_NUMBER)).isEqualTo(1);
        assertThat(r.skipped(SkipReason.NOT_FINITE)).isEqualTo(1);
        assertThat(r.skipped(SkipReason.OUT_OF_RANGE)).isEqualTo(2);
        assertThat(r.skipped(SkipReason.MALFORMED_QUOTE)).isEqualTo(1);
        assertThat(r.skipped(SkipReason.EMPTY_FIELD)).isEqualTo(1);
        assertThat(r.totalSkipped()).isEqualTo(7);
        assertThat(r.rows()).isEqualTo(r.accepted() + r.totalSkipped());
        assertThat(r.examples(SkipReason.OUT_OF_RANGE)).containsExactly(
                f + ", line 8, field 'duration': must not be negative: '-1'",
                f + ", line 9, field 'duration': must not be negative: '-2'");
        assertThat(r.examples()).hasSize(7).contains(f + ", line 3: expected 6 fields, found 3");
    }

    @Test
    void lenientModeKeepsOnlyTheFirstExamplesPerReason() throws IOException {
        StringBuilder sb = new StringBuilder(HEADER);
        for (int i = 0; i < 10; i++) {
            sb.append("1,2,3,click,home,-1\n");
        }
        ReadReport r = new ActionLogReader(named().build(), ReadMode.LENIENT)
                .read(write("neg.csv", sb.toString()), new ActionTable());
        assertThat(r.skipped(SkipReason.OUT_OF_RANGE)).isEqualTo(10);
        assertThat(r.examples(SkipReason.OUT_OF_RANGE)).hasSize(ReadReport.EXAMPLES_PER_REASON);
    }
}
