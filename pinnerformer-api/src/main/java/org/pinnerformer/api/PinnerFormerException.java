package org.pinnerformer.api;

/**
 * The root of PinnerFormer's unchecked exception family. Messages are sentences that say what
 * happened and, where possible, what to do about it.
 */
public class PinnerFormerException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Creates an exception with a message. */
    public PinnerFormerException(String message) {
        super(message);
    }

    /** Creates an exception with a message and the cause it wraps. */
    public PinnerFormerException(String message, Throwable cause) {
        super(message, cause);
    }
}
