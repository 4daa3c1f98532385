package org.pinnerformer.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DelimitedScannerTest {

    private static DelimitedScanner csv(String text) {
        return DelimitedScanner.delimited(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "t",
                ',', true, StandardCharsets.UTF_8);
    }

    private static List<String> fields(DelimitedScanner sc) {
        sc.split();
        List<String> f = new ArrayList<>();
        for (int i = 0; i < sc.fieldCount(); i++) {
            f.add(sc.text(i));
        }
        return f;
    }

    @Test
    void parsesDecimalsExactlyAsDoubleParseDouble() {
        SplittableRandom r = new SplittableRandom(42);
        StringBuilder sb = new StringBuilder();
        List<String> values = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            String v;
            switch (i % 5) {
                case 0:
                    v = Long.toString(r.nextLong(10_000_000_000L));
                    break;
                case 1:
                    v = r.nextInt(100) + "." + r.nextInt(1_000_000);
                    break;
                case 2:
                    v = Double.toString(r.nextDouble() * Math.pow(10, r.nextInt(-20, 20)));
                    break;
                case 3:
                    v = "-" + r.nextLong(1L << 62) + "." + String.format("%018d", r.nextLong(1_000_000_000_000_000L));
                    break;
                default:
                    v = "0.000" + r.nextInt(1_000_000_000) + "e" + r.nextInt(-5, 5);
                    break;
            }
            values.add(v);
            sb.append(v).append('\n');
        }
        DelimitedScanner sc = csv(sb.toString());
        for (String v : values) {
            assertThat(sc.nextLine()).isTrue();
            sc.split();
            assertThat(sc.parseDouble(0)).as(v).isEqualTo(Double.parseDouble(v));
        }
        assertThat(sc.nextLine()).isFalse();
    }

    @Test
    void parsesLongsToTheirLimits() {
        DelimitedScanner sc = csv(Long.MAX_VALUE + "," + Long.MIN_VALUE + ",+12, 7 ,9223372036854775808,"
                + "-9223372036854775809,1.0,-\n");
        sc.nextLine();
        sc.split();
        assertThat(sc.parseLong(0)).isEqualTo(Long.MAX_VALUE);
        assertThat(sc.parseLong(1)).isEqualTo(Long.MIN_VALUE);
        assertThat(sc.parseLong(2)).isEqualTo(12);
        assertThat(sc.parseLong(3)).isEqualTo(7);
        assertThatThrownBy(() -> sc.parseLong(4)).isInstanceOf(RowProblem.class)
                .hasMessage("is too large for a 64-bit integer: '9223372036854775808'");
        assertThatThrownBy(() -> sc.parseLong(5)).isInstanceOf(RowProblem.class)
                .hasMessage("is too large for a 64-bit integer: '-9223372036854775809'");
        assertThatThrownBy(() -> sc.parseLong(6)).isInstanceOf(RowProblem.class)
                .hasMessage("is not an integer: '1.0'");
        assertThatThrownBy(() -> sc.parseLong(7)).isInstanceOf(RowProblem.class).hasMessage("is not an integer: '-'");
    }

    @Test
    void rejectsWhatJavaAcceptsButIsNotADecimalNumber() {
        DelimitedScanner sc = csv("1d,0x1p3,.,-, 2.5 ,inf,-nan\n");
        sc.nextLine();
        sc.split();
        assertThatThrownBy(() -> sc.parseDouble(0)).hasMessage("is not a number: '1d'");
        assertThatThrownBy(() -> sc.parseDouble(1)).hasMessage("is not a number: '0x1p3'");
        assertThatThrownBy(() -> sc.parseDouble(2)).hasMessage("is not a number: '.'");
        assertThatThrownBy(() -> sc.parseDouble(3)).hasMessage("is not a number: '-'");
        assertThat(sc.parseDouble(4)).isEqualTo(2.5);
        assertThatThrownBy(() -> sc.parseDouble(5)).hasMessage("is not finite: 'inf'");
        assertThatThrownBy(() -> sc.parseDouble(6)).hasMessage("is not finite: '-nan'");
    }

    @Test
    void splitsQuotedAndEmptyFields() {
        DelimitedScanner sc = csv("a,,\"b,c\",\"\",\"d\"\"e\",\n");
        sc.nextLine();
        assertThat(fields(sc)).containsExactly("a", "", "b,c", "", "d\"e", "");
    }

    @Test
    void treatsAQuoteInsideAnUnquotedFieldAsText() {
        DelimitedScanner sc = csv("7789,11'09\"01 - September 11 (2002),Drama\n");
        sc.nextLine();
        assertThat(fields(sc)).containsExactly("7789", "11'09\"01 - September 11 (2002)", "Drama");
    }

    @Test
    void splitsOnRunsOfWhitespaceAndOptionallyCommas() {
        DelimitedScanner ws = DelimitedScanner.whitespace(
                new ByteArrayInputStream("  1 \t 2   3\n4, 5 ,6\n".getBytes(StandardCharsets.UTF_8)), "t", true,
                StandardCharsets.UTF_8);
        ws.nextLine();
        assertThat(fields(ws)).containsExactly("1", "2", "3");
        ws.nextLine();
        assertThat(fields(ws)).containsExactly("4", "5", "6");
    }

    @Test
    void countsLinesIncludingBlankOnes() {
        DelimitedScanner sc = csv("a\n\n\r\nb\r\n");
        sc.nextLine();
        assertThat(sc.lineNumber()).isEqualTo(1);
        sc.nextLine();
        assertThat(sc.lineNumber()).isEqualTo(4);
        assertThat(sc.blankLines()).isEqualTo(2);
        assertThat(fields(sc)).containsExactly("b");
        assertThat(sc.nextLine()).isFalse();
    }
}
