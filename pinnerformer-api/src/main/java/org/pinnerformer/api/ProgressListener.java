package org.pinnerformer.api;

/**
 * Hears how far a long evaluation is. Called on the thread that runs the evaluation, after each batch of users,
 * so an implementation may update a progress bar directly but should be quick.
 */
@FunctionalInterface
public interface ProgressListener {

    /**
     * Reports progress.
     *
     * @param method the name of the method being evaluated
     * @param usersDone users evaluated so far
     * @param usersTotal users to evaluate
     */
    void progress(String method, int usersDone, int usersTotal);

    /** A listener that ignores everything. */
    static ProgressListener none() {
        return (method, done, total) -> { };
    }
}
