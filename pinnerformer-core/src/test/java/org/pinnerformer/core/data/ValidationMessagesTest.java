package org.pinnerformer.core.data;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pinnerformer.api.InputFormatException;
import org.pinnerformer.api.PinnerFormerException;

/** The messages of argument checks in this package, each a sentence naming the argument. */
class ValidationMessagesTest {
    @TempDir
    Path dir;

    private static ActionLogFormat.Builder minimal() {
        return ActionLogFormat.builder().user(Column.index(0)).item(Column.index(1)).timestamp(Column.index(2))
                .actionType(TokenSource.constant("a")).surface(TokenSource.constant("s"));
    }

    @Test
    void explainsAnInconsistentLogFormat() {
        assertThatThrownBy(() -> minimal().header(false).user(Column.named("user")).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessage("column 'user' is given by name, but the"
                        + " format has neither a header nor columnNames; give its index instead");
        assertThatThrownBy(() -> minimal().columnNames("u", "i", "t").user(Column.named("usr")).build())
                .hasMessage("column 'usr' is not one of the columnNames [u, i, t]");
        assertThatThrownBy(() -> minimal().columnNames("u", "i").build())
                .hasMessage("column index 2 is past the last of the 2 columnNames");
        assertThatThrownBy(() -> minimal().delimiter('"').build()).hasMessage(
                "delimiter must be an ASCII character other than a quote or line break, was '\"'");
        assertThatThrownBy(() -> minimal().columnNames("u", "u", "t").build())
                .hasMessage("columnNames must be distinct and not empty, were [u, u, t]");
        assertThatThrownBy(() -> ActionLogFormat.builder().build()).isInstanceOf(IllegalStateException.class)
                .hasMessage("the user of the format is not set; call user(...)");
        assertThatThrownBy(() -> new ActionLogFormat(',', true, true, java.util.List.of("a"),
                java.nio.charset.StandardCharsets.UTF_8, Column.index(0), Column.index(1), Column.index(2),
                TimestampUnit.SECONDS, TokenSource.constant("a"), TokenSource.constant("s"),
                java.util.Optional.empty(), java.util.Optional.empty()))
                .hasMessage("columnNames are for files without a header; this format reads the names from the header");
    }

    @Test
    void explainsBadColumnsAndTokenSources() {
        assertThatThrownBy(() -> Column.index(-1)).hasMessage("a column index must be >= 0, was -1");
        assertThatThrownBy(() -> Column.named("")).hasMessage("a column name must not be empty");
        assertThatThrownBy(() -> TokenSource.constant("")).hasMessage("token must not be empty");
        assertThatThrownBy(() -> TokenSource.threshold("r", Double.NaN, "hi", "lo"))
                .hasMessage("threshold must be finite, was NaN");
        assertThatThrownBy(() -> TokenSource.threshold("r", 4, "x", "x"))
                .hasMessage("atOrAbove and below must differ, both were 'x'");
    }

    @Test
    void explainsBadVectorOptionsAndPeriods() {
        assertThatThrownBy(() -> CoEngagementOptions.defaults(1).withDimension(0))
                .hasMessage("dimension must be > 0, was 0");
        assertThatThrownBy(() -> CoEngagementOptions.defaults(1).withWindow(-2)).hasMessage("window must be > 0, was -2");
        assertThatThrownBy(() -> new CoEngagementOptions(8, 1, false, -1, 0, 1))
                .hasMessage("oversampling must be >= 0, was -1");
        assertThatThrownBy(() -> new CoEngagementOptions(8, 1, false, 0, -1, 1))
                .hasMessage("powerIterations must be >= 0, was -1");
        assertThatThrownBy(() -> TrainingPeriod.before(Double.POSITIVE_INFINITY))
                .hasMessage("cut must be finite, was Infinity");
        assertThatThrownBy(() -> TrainingPeriod.perUserBefore(Map.of(5L, Double.NaN)))
                .hasMessage("the cut of user 5 must be finite, was NaN");
        assertThatThrownBy(() -> TrainingPeriod.allButLast(-1)).hasMessage("count must be >= 0, was -1");
        assertThatThrownBy(() -> ItemVectors.of(new long[] {1, 1}, new float[2], 1))
                .hasMessage("item 1 appears twice, at positions 0 and 1");
        assertThatThrownBy(() -> ItemVectors.of(new long[] {1}, new float[3], 2))
                .hasMessage("expected 2 values for 1 items of dimension 2, got 3");
        assertThatThrownBy(() -> ItemVectors.of(new long[] {4}, new float[] {0, Float.NaN}, 2))
                .hasMessage("item 4 has a non-finite value NaN at position 1 of its vector");
        assertThatThrownBy(() -> ItemVectorFiles.readText(dir.resolve("x"), 0, ReadMode.STRICT))
                .hasMessage("dimension must be > 0, was 0");
    }

    @Test
    void explainsUnreadableFiles() throws IOException {
        assertThatThrownBy(() -> MovieLens.latestSmall(dir)).isInstanceOf(PinnerFormerException.class)
                .hasMessage("cannot read " + dir.resolve("movies.csv") + ": the file does not exist");
        assertThatThrownBy(() -> Taobao.read(dir)).hasMessage("cannot read " + dir + ": it is a directory, not a file");
    }

    @Test
    void stopsAtAColumnWithFarTooManyDistinctTokens() throws IOException {
        StringBuilder sb = new StringBuilder("user,item,ts,type\n");
        for (int i = 0; i <= TokenDictionary.MAX_TOKENS; i++) {
            sb.append("1,2,3,t").append(i).append('\n');
        }
        Path f = Files.writeString(dir.resolve("log.csv"), sb);
        ActionLogFormat format = ActionLogFormat.builder().user(Column.named("user")).item(Column.named("item"))
                .timestamp(Column.named("ts")).actionType(TokenSource.column("type"))
                .surface(TokenSource.constant("s")).build();
        assertThatThrownBy(() -> new ActionLogReader(format, ReadMode.LENIENT).read(f, new ActionTable()))
                .isInstanceOf(InputFormatException.class).hasMessage(f + ", line 65538, field 'type': has more than"
                        + " 65536 distinct values; does the mapping name the right column?");
    }
}
