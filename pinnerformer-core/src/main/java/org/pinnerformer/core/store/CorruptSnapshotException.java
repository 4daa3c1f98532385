package org.pinnerformer.core.store;

import org.pinnerformer.api.PinnerFormerException;

/** A snapshot file that is truncated, damaged or not a snapshot; the message names the file. */
public class CorruptSnapshotException extends PinnerFormerException {
    private static final long serialVersionUID = 1L;

    /** With a message that names the file and what is wrong. */
    public CorruptSnapshotException(String message) {
        super(message);
    }

    /** With a message that names the file and what is wrong, and the cause. */
    public CorruptSnapshotException(String message, Throwable cause) {
        super(message, cause);
    }
}
