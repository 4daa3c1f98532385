package org.pinnerformer.model;

/**
 * The names of the data inputs and outputs of the PinnerFormer graphs, shared by every backend. Shapes use the
 * symbols of {@link org.pinnerformer.api.SequenceBatch} and {@link org.pinnerformer.api.TrainingBatch}. An input
 * whose feature is switched off in the {@link org.pinnerformer.api.ModelSpec} is not declared by the graph.
 */
public final class GraphNames {
    /** Item content vectors of the actions, f32 [B, T, F]. */
    public static final String SEQ_ITEM_VECTORS = "seq_item_vectors";
    /** Item-id table rows of the actions, i32 [B, T] (only with hashed or exact item ids). */
    public static final String SEQ_ITEM_BUCKETS = "seq_item_buckets";
    /** Action-type embedding rows, i32 [B, T] (only when actionEmbeddingSize &gt; 0). */
    public static final String SEQ_ACTION_TYPES = "seq_action_types";
    /** Surface embedding rows, i32 [B, T] (only when surfaceEmbeddingSize &gt; 0). */
    public static final String SEQ_SURFACES = "seq_surfaces";
    /** {@code log1p(duration)}, f32 [B, T] (only with durationFeature). */
    public static final String SEQ_DURATION_LOG1P = "seq_duration_log1p";
    /** Time angles, f32 [B, T, A] (only with timeFeatures). */
    public static final String SEQ_TIME_ANGLES = "seq_time_angles";
    /** {@code log1p} of the three time values, f32 [B, T, 3] (only with timeFeatures). */
    public static final String SEQ_TIME_LOG1P = "seq_time_log1p";
    /** 1 for a real action, 0 for padding, f32 [B, T]. */
    public static final String SEQ_VALID_MASK = "seq_valid_mask";
    /** Distance of each position from the newest one, i32 [T]: {@code T - 1 - t} (only with positionEmbedding). */
    public static final String SEQ_POSITIONS = "seq_positions";

    /** Item content vectors of the item tower, f32 [N, F]. */
    public static final String ITEM_VECTORS = "item_vectors";
    /** Item-id table rows of the item tower, i32 [N] (only with hashed or exact item ids). */
    public static final String ITEM_BUCKETS = "item_buckets";

    /** Flat predicting position {@code b * T + t} of each pair, i32 [P]. */
    public static final String PAIR_POSITION = "pair_position";
    /** Sequence row {@code b} of each pair, i32 [P]. */
    public static final String PAIR_USER = "pair_user";
    /** Loss weight of each pair, f32 [P]. */
    public static final String PAIR_WEIGHT = "pair_weight";
    /** Positive item vectors, f32 [P, F]. */
    public static final String POSITIVE_VECTORS = "positive_vectors";
    /** Positive item buckets, i32 [P] (only with hashed or exact item ids). */
    public static final String POSITIVE_BUCKETS = "positive_buckets";
    /** log Q of the positives, f32 [P]. */
    public static final String POSITIVE_LOG_Q = "positive_log_q";
    /** Which in-batch positives are candidates for the pairs of each sequence, f32 0/1 [B, P]. */
    public static final String POSITIVE_CANDIDATES = "positive_candidates";
    /** Uniform negative item vectors, f32 [R, F]. */
    public static final String NEGATIVE_VECTORS = "negative_vectors";
    /** Uniform negative buckets, i32 [R] (only with hashed or exact item ids). */
    public static final String NEGATIVE_BUCKETS = "negative_buckets";
    /** log Q of the uniform negatives, f32 [R]. */
    public static final String NEGATIVE_LOG_Q = "negative_log_q";
    /** Which uniform negatives are candidates for the pairs of each sequence, f32 0/1 [B, R]. */
    public static final String NEGATIVE_CANDIDATES = "negative_candidates";

    /**
     * The step seed of the dropout masks, i32 [] (only in the loss graph, and only when the spec has a dropout
     * rate &gt; 0): the trainer feeds {@link ModelInputs#dropoutSeed(long, long)} of the training seed and the step.
     */
    public static final String DROPOUT_SEED = "dropout_seed";

    /** Output of the full user tower: unit-norm embeddings at every position, f32 [B, T, D]. */
    public static final String USER_EMBEDDINGS = "user_embeddings";
    /** Output of the newest-only user tower: unit-norm embedding per user, f32 [B, D]. */
    public static final String USER_EMBEDDING = "user_embedding";
    /** Output of the item tower: unit-norm item embeddings, f32 [N, D]. */
    public static final String ITEM_EMBEDDINGS = "item_embeddings";
    /** Output of the loss graph: the weighted sampled-softmax loss, f32 []. */
    public static final String LOSS = "loss";
    /**
     * Output of the loss graph: the corrected, masked logits {@code [positive | in-batch | negatives]}, f32
     * [P, 1+P+R] (column 0 the pair's own positive; the pair's own column among the in-batch ones is masked).
     */
    public static final String LOGITS = "logits";

    private GraphNames() {
    }
}
