package org.pinnerformer.core.eval;

/**
 * What evaluation needs from a user model: the embedding of a user from the user's actions up to a cut time.
 * A model-backed implementation wraps a backend's user encoder; {@link Baselines} has model-free ones.
 *
 * <p>Users are dense indexes {@code 0..userCount()-1} of the {@link org.pinnerformer.core.data.Timelines} the
 * implementation was built on. The embedding of user {@code u} at cut {@code t} must depend only on the
 * actions of {@code u} with a timestamp {@code <= t}: evaluation relies on it to keep the future out.
 *
 * <p>The evaluator calls {@link #embed} from one thread at a time, so implementations need not be thread-safe.
 */
public interface UserEmbedder {

    /** D, the size of every embedding; equals the item space's dimension. */
    int dimension();

    /**
     * Embeds users at cut times.
     *
     * @param users dense user indexes
     * @param cutTimes epoch seconds, one per user: the embedding of {@code users[i]} uses that user's actions
     *     with a timestamp {@code <= cutTimes[i]}
     * @return {@code users.length x dimension()} finite floats, row-major; each row has unit L2 norm, or is all
     *     zero when the embedder knows nothing about the user (every item then scores 0 and ties are broken by
     *     item index, see {@link org.pinnerformer.core.retrieval.ExactTopK})
     */
    float[] embed(int[] users, double[] cutTimes);

    /**
     * Announces every query the evaluator will make, before the first {@link #embed} call of an evaluation, so
     * that an implementation whose cost depends on the order of the queries can precompute them in its own order
     * (the daily job runs forward in time). Later {@code embed} calls may still ask for anything. Does nothing by
     * default.
     *
     * @param users dense user indexes, one per query
     * @param cutTimes epoch seconds, one per query
     */
    default void plan(int[] users, double[] cutTimes) {
    }
}
