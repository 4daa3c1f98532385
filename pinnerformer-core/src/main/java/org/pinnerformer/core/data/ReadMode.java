package org.pinnerformer.core.data;

/**
 * What a reader does with a malformed row.
 *
 * <p>In both modes an empty file and a mapping that does not fit the file (an unknown column name, an
 * index past the last column) are errors: they mean the whole file is not what the caller thinks it is.
 */
public enum ReadMode {
    /** Throw an {@link org.pinnerformer.api.InputFormatException} naming the file, line and field. */
    STRICT,
    /** Skip the row and count it by {@link SkipReason} in the {@link ReadReport}, with the first examples. */
    LENIENT
}
