package org.pinnerformer.core.data;

/** Why a reader could not use a row; counted by {@link ReadReport} in {@link ReadMode#LENIENT} mode. */
public enum SkipReason {
    /** The row has more or fewer fields than the header (or the format) says. */
    WRONG_FIELD_COUNT,
    /** A quoted field is not closed, or text follows its closing quote. */
    MALFORMED_QUOTE,
    /** A field that must hold a value is empty. */
    EMPTY_FIELD,
    /** A numeric field does not hold a number (or an integer field holds a fraction). */
    NOT_A_NUMBER,
    /** A numeric field holds NaN or an infinity, or a number too large for a double. */
    NOT_FINITE,
    /** A number is outside its allowed range, such as a negative duration. */
    OUT_OF_RANGE,
    /** A text field is not valid in the file's character set (usually UTF-8). */
    INVALID_TEXT,
    /** A key that must be unique (an item id in an item file, a user in a sequence file) repeats. */
    DUPLICATE_KEY
}
