package org.pinnerformer.core.inference;

/**
 * Options of a {@link BatchInferenceJob}.
 *
 * @param batchSize the most users per call of the user encoder, {@code > 0}
 * @param threads how many encoders run at once, each on its own thread, {@code > 0}
 */
public record BatchInferenceOptions(int batchSize, int threads) {

    /** Validates. */
    public BatchInferenceOptions {
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batchSize must be > 0, was " + batchSize);
        }
        if (threads <= 0) {
            throw new IllegalArgumentException("threads must be > 0, was " + threads);
        }
    }

    /** 256 users per batch, one thread. */
    public static BatchInferenceOptions defaults() {
        return new BatchInferenceOptions(256, 1);
    }

    /** These options with another batch size. */
    public BatchInferenceOptions withBatchSize(int newBatchSize) {
        return new BatchInferenceOptions(newBatchSize, threads);
    }

    /** These options with another thread count. */
    public BatchInferenceOptions withThreads(int newThreads) {
        return new BatchInferenceOptions(batchSize, newThreads);
    }
}
