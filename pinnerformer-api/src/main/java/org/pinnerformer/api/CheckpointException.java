package org.pinnerformer.api;

/** A checkpoint could not be read or written, or its contents do not match its spec. */
public class CheckpointException extends PinnerFormerException {
    private static final long serialVersionUID = 1L;

    /** Creates an exception with a message. */
    public CheckpointException(String message) {
        super(message);
    }

    /** Creates an exception with a message and the cause it wraps. */
    public CheckpointException(String message, Throwable cause) {
        super(message, cause);
    }
}
