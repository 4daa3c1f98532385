package org.pinnerformer.api;

/**
 * A backend could not be found, loaded or used. Checked exceptions of an engine are wrapped in this
 * one at the backend boundary, with the operation and the sizes involved in the message.
 */
public class BackendException extends PinnerFormerException {
    private static final long serialVersionUID = 1L;

    /** Creates an exception with a message. */
    public BackendException(String message) {
        super(message);
    }

    /** Creates an exception with a message and the cause it wraps. */
    public BackendException(String message, Throwable cause) {
        super(message, cause);
    }
}
