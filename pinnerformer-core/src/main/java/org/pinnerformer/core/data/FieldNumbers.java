package org.pinnerformer.core.data;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Parses numbers straight from a scanner's bytes: integers exactly with overflow checks, decimals with
 * Clinger's fast path (exact for up to 15-16 significant digits and short fractions) and
 * {@link Double#parseDouble} for the rest, after rejecting the forms Java accepts but a data file should not
 * hold (hexadecimal, a trailing {@code d} or {@code f}).
 */
final class FieldNumbers {
    private static final double[] POW10 = new double[23];
    private static final long MAX_EXACT = 1L << 53;

    static {
        POW10[0] = 1;
        for (int i = 1; i < POW10.length; i++) {
            POW10[i] = POW10[i - 1] * 10;
        }
    }

    private FieldNumbers() {
    }

    /**
     * The field as a 64-bit integer; spaces and tabs around it are ignored.
     *
     * @throws RowProblem when it is empty, not an integer, or too large
     */
    static long parseLong(DelimitedScanner sc, int field) {
        byte[] buf = sc.buffer();
        int s = sc.start(field);
        int e = sc.end(field);
        while (s < e && (buf[s] == ' ' || buf[s] == '\t')) {
            s++;
        }
        while (e > s && (buf[e - 1] == ' ' || buf[e - 1] == '\t')) {
            e--;
        }
        if (s == e) {
            throw new RowProblem(SkipReason.EMPTY_FIELD, field, "is empty");
        }
        boolean negative = buf[s] == '-';
        int i = negative || buf[s] == '+' ? s + 1 : s;
        if (i == e) {
            throw notAnInteger(sc, field);
        }
        long v = 0; // accumulated as a negative number, so that Long.MIN_VALUE fits
        for (; i < e; i++) {
            int digit = buf[i] - '0';
            if (digit < 0 || digit > 9) {
                throw notAnInteger(sc, field);
            }
            if (v < Long.MIN_VALUE / 10 || v * 10 < Long.MIN_VALUE + digit) {
                throw tooLarge(sc, field);
            }
            v = v * 10 - digit;
        }
        if (!negative) {
            if (v == Long.MIN_VALUE) {
                throw tooLarge(sc, field);
            }
            return -v;
        }
        return v;
    }

    private static RowProblem tooLarge(DelimitedScanner sc, int field) {
        return new RowProblem(SkipReason.OUT_OF_RANGE, field,
                "is too large for a 64-bit integer: '" + sc.display(field) + "'");
    }

    private static RowProblem notAnInteger(DelimitedScanner sc, int field) {
        return new RowProblem(SkipReason.NOT_A_NUMBER, field, "is not an integer: '" + sc.display(field) + "'");
    }

    /**
     * The field as a finite double; spaces and tabs around it are ignored. Accepts decimal notation with an
     * optional exponent; the result is the correctly rounded double, as {@link Double#parseDouble}.
     *
     * @throws RowProblem when it is empty, not a number, NaN or infinite
     */
    static double parseDouble(DelimitedScanner sc, int field) {
        byte[] buf = sc.buffer();
        int s = sc.start(field);
        int e = sc.end(field);
        while (s < e && (buf[s] == ' ' || buf[s] == '\t')) {
            s++;
        }
        while (e > s && (buf[e - 1] == ' ' || buf[e - 1] == '\t')) {
            e--;
        }
        if (s == e) {
            throw new RowProblem(SkipReason.EMPTY_FIELD, field, "is empty");
        }
        boolean negative = buf[s] == '-';
        int i = negative || buf[s] == '+' ? s + 1 : s;
        long mantissa = 0;
        int digits = 0;
        int fractionDigits = 0;
        boolean dot = false;
        boolean sawDigit = false;
        boolean simple = true;
        for (; i < e; i++) {
            byte b = buf[i];
            if (b >= '0' && b <= '9') {
                if (digits == 18) {
                    simple = false;
                    break;
                }
                sawDigit = true;
                mantissa = mantissa * 10 + (b - '0');
                if (mantissa != 0) {
                    digits++;
                }
                if (dot) {
                    fractionDigits++;
                }
            } else if (b == '.' && !dot) {
                dot = true;
            } else {
                simple = false;
                break;
            }
        }
        // Clinger's fast path: an integer below 2^53 and a power of ten below 10^23 are exact doubles, so
        // one IEEE division gives the correctly rounded result.
        if (simple && sawDigit && mantissa <= MAX_EXACT && fractionDigits < POW10.length) {
            double v = fractionDigits == 0 ? mantissa : mantissa / POW10[fractionDigits];
            return negative ? -v : v;
        }
        return parseDoubleSlow(sc, field, s, e);
    }

    private static double parseDoubleSlow(DelimitedScanner sc, int field, int s, int e) {
        byte[] buf = sc.buffer();
        String t = new String(buf, s, e - s, StandardCharsets.ISO_8859_1);
        String lower = t.toLowerCase(Locale.ROOT);
        String unsigned = lower.startsWith("-") || lower.startsWith("+") ? lower.substring(1) : lower;
        if (unsigned.equals("nan") || unsigned.equals("inf") || unsigned.equals("infinity")) {
            throw new RowProblem(SkipReason.NOT_FINITE, field, "is not finite: '" + sc.display(field) + "'");
        }
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (!(c >= '0' && c <= '9') && c != '.' && c != 'e' && c != 'E' && c != '+' && c != '-') {
                throw notANumber(sc, field);
            }
        }
        double v;
        try {
            v = Double.parseDouble(t);
        } catch (NumberFormatException ex) {
            throw notANumber(sc, field);
        }
        if (!Double.isFinite(v)) {
            throw new RowProblem(SkipReason.NOT_FINITE, field,
                    "is too large to be a finite number: '" + sc.display(field) + "'");
        }
        return v;
    }

    private static RowProblem notANumber(DelimitedScanner sc, int field) {
        return new RowProblem(SkipReason.NOT_A_NUMBER, field, "is not a number: '" + sc.display(field) + "'");
    }
}
