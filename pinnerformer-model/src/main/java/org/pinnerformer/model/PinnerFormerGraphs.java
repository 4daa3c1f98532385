package org.pinnerformer.model;

import static org.pinnerformer.model.GraphNames.*;

import org.pinnerformer.api.ModelSpec;
import org.pinnerformer.spi.graph.DType;
import org.pinnerformer.spi.graph.Graph;
import org.pinnerformer.spi.graph.GraphBuilder;
import org.pinnerformer.spi.graph.Shape;
import org.pinnerformer.spi.graph.Value;

/**
 * The PinnerFormer model and loss, written once as graphs (DESIGN.md sections 4 and 8; {@code docs/model.md}).
 * Every parameter's name and shape comes from {@link ModelParameters}; every data input's name from
 * {@link GraphNames}, in the order {@link ModelInputs} produces them.
 *
 * <p>Per action the input is the concatenation, in this order: the item vector {@code c} (plus the item-id
 * embedding when on) [F]; the action-type embedding [Ea]; the surface embedding [Es]; {@code log1p(duration)} [1];
 * {@code cos(theta_k + phi_2k)} for every angle k [A]; {@code sin(theta_k + phi_2k+1)} [A]; the three
 * {@code log1p} time values [3]. Switched-off features are left out, so the width is
 * {@link ModelSpec#inputSize()}.
 */
public final class PinnerFormerGraphs {
    /** The epsilon of every L2 normalisation (as PyTorch's {@code F.normalize}). */
    public static final double L2_EPSILON = 1e-12;
    /** The floor of the temperature: {@code tau = MIN_TEMPERATURE + softplus(temperature)}. */
    public static final double MIN_TEMPERATURE = 0.01;
    /** The logit given to candidates that the candidate masks remove (finite: exp underflows to exactly 0). */
    public static final double MASKED_LOGIT = -1e9;

    private PinnerFormerGraphs() {
    }

    /** The user tower over every position: output {@link GraphNames#USER_EMBEDDINGS} [B, T, D]. */
    public static Graph userTower(ModelParameters params) {
        GraphBuilder g = new GraphBuilder();
        SequenceInputs in = declareSequences(g, params.spec());
        g.output(USER_EMBEDDINGS, userTower(g, params, in, false));
        return g.build();
    }

    /**
     * The user tower for the newest position only: every block runs on all positions except the last block,
     * whose attention queries, feed-forward layer and the output head run on the newest position only. Output
     * {@link GraphNames#USER_EMBEDDING} [B, D], equal to the full tower's last position.
     */
    public static Graph userTowerNewest(ModelParameters params) {
        GraphBuilder g = new GraphBuilder();
        SequenceInputs in = declareSequences(g, params.spec());
        g.output(USER_EMBEDDING, userTower(g, params, in, true));
        return g.build();
    }

    /** The item tower: {@code L2(Linear(GELU(Linear(c))))}, output {@link GraphNames#ITEM_EMBEDDINGS} [N, D]. */
    public static Graph itemTower(ModelParameters params) {
        GraphBuilder g = new GraphBuilder();
        ItemInputs items = declareItems(g, params.spec(), "N", ITEM_VECTORS, ITEM_BUCKETS);
        g.output(ITEM_EMBEDDINGS, itemTower(g, params, items));
        return g.build();
    }

    /**
     * The training loss: sampled softmax with logQ correction over {@code [the pair's positive | P in-batch
     * positives | R uniform negatives]}, exactly as {@link org.pinnerformer.api.TrainingBatch} lays it out:
     * <pre>
     *   u       = head(blocks(sequences)[pair_position])             [P, D]  (the same as user_embeddings[pair_position])
     *   tau     = 0.01 + softplus(temperature)
     *   L[p, q] = u_p . pos_q / tau - positive_log_q[q]              -1e9 where positive_candidates[pair_user[p], q] = 0
     *   N[p, r] = u_p . neg_r / tau - negative_log_q[r]              -1e9 where negative_candidates[pair_user[p], r] = 0
     *   S[p]    = u_p . pos_p / tau - positive_log_q[p]              the pair's own positive (the diagonal of L unmasked)
     *   loss    = sum_p pair_weight[p] (logsumexp([S[p] | L[p, :] | N[p, :]]) - S[p])
     * </pre>
     * The masks come per sequence ([B, P] and [B, R]) and are expanded to the pairs by a gather on
     * {@code pair_user}, so no [P, P] array crosses into the engine. A pair's own column in {@code L} is always
     * masked (its item is a label of its own sequence); the positive enters the softmax once, as {@code S}, so
     * every row keeps a finite maximum and masked entries add exactly 0.
     * Outputs {@link GraphNames#LOSS} [] and {@link GraphNames#LOGITS} [P, 1+P+R].
     *
     * <p>This is the only training graph, so it is the only one with dropout: when the spec has a rate &gt; 0 it
     * declares the int32 scalar input {@link GraphNames#DROPOUT_SEED} and drops out the input (after the input
     * projection and the position embedding, at {@link ModelSpec#inputDropout()}), the attention probabilities
     * of every block ({@link ModelSpec#attentionDropout()}) and each residual branch before its add
     * ({@link ModelSpec#residualDropout()}). A rate of 0 adds no node, so a spec without dropout gives exactly
     * the graph it always did. The towers never contain dropout.
     */
    public static Graph loss(ModelParameters params) {
        ModelSpec spec = params.spec();
        GraphBuilder g = new GraphBuilder();
        SequenceInputs seq = declareSequences(g, spec);
        Value pairPosition = g.data(PAIR_POSITION, DType.INT32, Shape.of("P"));
        Value pairUser = g.data(PAIR_USER, DType.INT32, Shape.of("P"));
        Value pairWeight = g.data(PAIR_WEIGHT, DType.FLOAT32, Shape.of("P"));
        ItemInputs positives = declareItems(g, spec, "P", POSITIVE_VECTORS, POSITIVE_BUCKETS);
        Value positiveLogQ = g.data(POSITIVE_LOG_Q, DType.FLOAT32, Shape.of("P"));
        Value positiveCandidates = g.data(POSITIVE_CANDIDATES, DType.FLOAT32, Shape.of("B", "P"));
        ItemInputs negatives = declareItems(g, spec, "R", NEGATIVE_VECTORS, NEGATIVE_BUCKETS);
        Value negativeLogQ = g.data(NEGATIVE_LOG_Q, DType.FLOAT32, Shape.of("R"));
        Value negativeCandidates = g.data(NEGATIVE_CANDIDATES, DType.FLOAT32, Shape.of("B", "R"));
        Value seed = spec.hasDropout() ? g.data(DROPOUT_SEED, DType.INT32, Shape.scalar()) : null;

        // The output head works per position, so it runs only on the P predicting positions, not all B*T.
        Value users = outputHead(g, params, g.gather(blocks(g, params, seq, false, seed), pairPosition));
        Value pos = itemTower(g, params, positives);
        Value neg = itemTower(g, params, negatives);
        Value tau = g.scaleShift(g.softplus(param(g, params, "temperature")), 1, MIN_TEMPERATURE);
        Value inBatch = g.sub(g.div(g.matMulTransposed(users, pos), tau), positiveLogQ);
        Value uniform = g.sub(g.div(g.matMulTransposed(users, neg), tau), negativeLogQ);
        Value own = g.diagonal(inBatch);
        Value logits = g.concat(g.reshape(own, Shape.of("P", 1)),
                g.maskedFill(inBatch, g.gather(positiveCandidates, pairUser), MASKED_LOGIT),
                g.maskedFill(uniform, g.gather(negativeCandidates, pairUser), MASKED_LOGIT));
        Value perPair = g.sub(g.logSumExp(logits), own);
        g.output(LOSS, g.weightedSum(perPair, pairWeight));
        g.output(LOGITS, logits);
        return g.build();
    }

    private record SequenceInputs(Value itemVectors, Value itemBuckets, Value actionTypes, Value surfaces,
            Value duration, Value timeAngles, Value timeLog1p, Value valid, Value positions) {
    }

    private record ItemInputs(Value vectors, Value buckets) {
    }

    private static SequenceInputs declareSequences(GraphBuilder g, ModelSpec s) {
        Value vectors = g.data(SEQ_ITEM_VECTORS, DType.FLOAT32, Shape.of("B", "T", s.itemVectorSize()));
        Value buckets = s.itemIdRows() > 0 ? g.data(SEQ_ITEM_BUCKETS, DType.INT32, Shape.of("B", "T")) : null;
        Value actions = s.actionEmbeddingSize() > 0
                ? g.data(SEQ_ACTION_TYPES, DType.INT32, Shape.of("B", "T")) : null;
        Value surfaces = s.surfaceEmbeddingSize() > 0 ? g.data(SEQ_SURFACES, DType.INT32, Shape.of("B", "T")) : null;
        Value duration = s.durationFeature() ? g.data(SEQ_DURATION_LOG1P, DType.FLOAT32, Shape.of("B", "T")) : null;
        Value angles = null;
        Value timeLog1p = null;
        if (s.timeFeatures()) {
            angles = g.data(SEQ_TIME_ANGLES, DType.FLOAT32, Shape.of("B", "T", s.timeAngleCount()));
            timeLog1p = g.data(SEQ_TIME_LOG1P, DType.FLOAT32, Shape.of("B", "T", 3));
        }
        Value valid = g.data(SEQ_VALID_MASK, DType.FLOAT32, Shape.of("B", "T"));
        Value positions = s.positionEmbedding() ? g.data(SEQ_POSITIONS, DType.INT32, Shape.of("T")) : null;
        return new SequenceInputs(vectors, buckets, actions, surfaces, duration, angles, timeLog1p, valid, positions);
    }

    private static ItemInputs declareItems(GraphBuilder g, ModelSpec s, String count, String vectors,
            String buckets) {
        Value v = g.data(vectors, DType.FLOAT32, Shape.of(count, s.itemVectorSize()));
        Value b = s.itemIdRows() > 0 ? g.data(buckets, DType.INT32, Shape.of(count)) : null;
        return new ItemInputs(v, b);
    }

    private static Value param(GraphBuilder g, ModelParameters p, String name) {
        return g.parameter(name, p.shape(name));
    }

    private static Value linear(GraphBuilder g, ModelParameters p, String prefix, Value x) {
        return g.linear(x, param(g, p, prefix + ".weight"), param(g, p, prefix + ".bias"));
    }

    private static Value layerNorm(GraphBuilder g, ModelParameters p, String prefix, Value x) {
        return g.layerNorm(x, param(g, p, prefix + ".weight"), param(g, p, prefix + ".bias"),
                p.spec().layerNormEpsilon());
    }

    /** The item vector plus, when on, its learned item-id embedding. */
    private static Value content(GraphBuilder g, ModelParameters p, Value vectors, Value buckets) {
        if (buckets == null) {
            return vectors;
        }
        return g.add(vectors, g.gather(param(g, p, "item_id_embedding.weight"), buckets));
    }

    private static Value features(GraphBuilder g, ModelParameters p, SequenceInputs in) {
        ModelSpec s = p.spec();
        java.util.List<Value> parts = new java.util.ArrayList<>();
        parts.add(content(g, p, in.itemVectors(), in.itemBuckets()));
        if (in.actionTypes() != null) {
            parts.add(g.gather(param(g, p, "action_embedding.weight"), in.actionTypes()));
        }
        if (in.surfaces() != null) {
            parts.add(g.gather(param(g, p, "surface_embedding.weight"), in.surfaces()));
        }
        if (in.duration() != null) {
            parts.add(g.reshape(in.duration(), Shape.of("B", "T", 1)));
        }
        if (in.timeAngles() != null) {
            int a = s.timeAngleCount();
            Value phases = g.reshape(param(g, p, "time_phase"), Shape.of(a, 2));
            Value cosPhase = g.reshape(g.sliceLastAxis(phases, 0, 1), Shape.of(a));
            Value sinPhase = g.reshape(g.sliceLastAxis(phases, 1, 2), Shape.of(a));
            parts.add(g.cos(g.add(in.timeAngles(), cosPhase)));
            parts.add(g.sin(g.add(in.timeAngles(), sinPhase)));
            parts.add(in.timeLog1p());
        }
        return g.concat(parts.toArray(Value[]::new));
    }

    private static Value userTower(GraphBuilder g, ModelParameters p, SequenceInputs in, boolean newestOnly) {
        return outputHead(g, p, blocks(g, p, in, newestOnly, null));
    }

    /**
     * Input projection, positions and the transformer blocks: [B, T, H], or [B, H] when {@code newestOnly}. With a
     * {@code seed} (the training graph of a spec with dropout) the spec's dropout rates apply; without (the
     * towers) there is no dropout.
     */
    private static Value blocks(GraphBuilder g, ModelParameters p, SequenceInputs in, boolean newestOnly,
            Value seed) {
        ModelSpec s = p.spec();
        double inputRate = seed == null ? 0 : s.inputDropout();
        double attentionRate = seed == null ? 0 : s.attentionDropout();
        double residualRate = seed == null ? 0 : s.residualDropout();
        Value x = linear(g, p, "input_projection", features(g, p, in));
        if (in.positions() != null) {
            x = g.add(x, g.gather(param(g, p, "position_embedding.weight"), in.positions()));
        }
        x = g.dropout(x, inputRate, seed);
        for (int i = 0; i < s.layers(); i++) {
            String b = "blocks." + i;
            boolean last = newestOnly && i == s.layers() - 1;
            Value attention = g.causalSelfAttention(layerNorm(g, p, b + ".norm1", x),
                    param(g, p, b + ".attention.in_proj_weight"), param(g, p, b + ".attention.in_proj_bias"),
                    param(g, p, b + ".attention.out_proj.weight"), param(g, p, b + ".attention.out_proj.bias"),
                    in.valid(), s.heads(), last, attentionRate, seed);
            x = g.add(last ? g.selectLast(x) : x, g.dropout(attention, residualRate, seed));
            Value ffn = linear(g, p, b + ".ffn.2", g.gelu(linear(g, p, b + ".ffn.0", layerNorm(g, p, b + ".norm2",
                    x))));
            x = g.add(x, g.dropout(ffn, residualRate, seed));
        }
        return x;
    }

    /** Per position: {@code L2(Linear(GELU(Linear(LayerNorm(x)))))}, [..., H] to [..., D]. */
    private static Value outputHead(GraphBuilder g, ModelParameters p, Value x) {
        Value head = linear(g, p, "output_mlp.2", g.gelu(linear(g, p, "output_mlp.0",
                layerNorm(g, p, "output_norm", x))));
        return g.l2Normalize(head, L2_EPSILON);
    }

    private static Value itemTower(GraphBuilder g, ModelParameters p, ItemInputs in) {
        Value c = content(g, p, in.vectors(), in.buckets());
        return g.l2Normalize(linear(g, p, "item_tower.2", g.gelu(linear(g, p, "item_tower.0", c))), L2_EPSILON);
    }
}
