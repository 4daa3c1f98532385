package org.pinnerformer.model.engine;

/**
 * What the one backend hands out (encoders, trainers): closed once, refusing use after close with a sentence, and
 * able to say whether it was closed so the backend can forget it.
 */
abstract class Handle implements AutoCloseable {
    private final String what;
    private volatile boolean closed;

    /** @param what the noun of the sentence: "this {what} is closed" */
    Handle(String what) {
        this.what = what;
    }

    final boolean isClosed() {
        return closed;
    }

    /** @throws IllegalStateException once {@link #close()} ran */
    final void checkOpen() {
        if (closed) {
            throw new IllegalStateException("this " + what + " is closed");
        }
    }

    /** Releases the engine's resources; called once, by the first {@link #close()}. */
    abstract void release();

    @Override
    public final synchronized void close() {
        if (!closed) {
            closed = true;
            release();
        }
    }
}
