package org.pinnerformer.core.inference;

/**
 * Options of a {@link BatchInferenceJob}.
 *
 * @param batchSize the most users per call of the user encoder, {@code > 0}
 * @param threads how many encoders run at once, each on its own thread, {@code > 0}
 * @param reembedAll whether a previous snapshot of another model may be replaced by embedding everyone again;
 *     without it the job refuses to mix models in one store ({@link org.pinnerformer.api.ModelMismatchException})
 */
public record BatchInferenceOptions(int batchSize, int threads, boolean reembedAll) {

    /** Validates. */
    public BatchInferenceOptions {
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batchSize must be > 0, was " + batchSize);
        }
        if (threads <= 0) {
            throw new IllegalArgumentException("threads must be > 0, was " + threads);
        }
    }

    /** Options that refuse a previous snapshot of another model. */
    public BatchInferenceOptions(int batchSize, int threads) {
        this(batchSize, threads, false);
    }

    /** 256 users per batch, one thread, no re-embedding of a previous snapshot of another model. */
    public static BatchInferenceOptions defaults() {
        return new BatchInferenceOptions(256, 1);
    }

    /** These options with re-embedding of everyone after a previous snapshot of another model on or off. */
    public BatchInferenceOptions withReembedAll(boolean newReembedAll) {
        return new BatchInferenceOptions(batchSize, threads, newReembedAll);
    }

    /** These options with another batch size. */
    public BatchInferenceOptions withBatchSize(int newBatchSize) {
        return new BatchInferenceOptions(newBatchSize, threads, reembedAll);
    }

    /** These options with another thread count. */
    public BatchInferenceOptions withThreads(int newThreads) {
        return new BatchInferenceOptions(batchSize, newThreads, reembedAll);
    }
}
