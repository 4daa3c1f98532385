package org.pinnerformer.model;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.random.RandomGenerator;
import org.pinnerformer.api.Checkpoint;
import org.pinnerformer.api.FloatTensor;
import org.pinnerformer.api.ModelSpec;
import org.pinnerformer.api.Vocabulary;

/**
 * A fresh model's parameters, seeded, following PyTorch's default initialisations so a model trained here and one
 * trained in PyTorch start alike:
 * <ul>
 *   <li>Linear weights and biases {@code U(-1/sqrt(in), 1/sqrt(in))} ({@code nn.Linear}); the attention's
 *       {@code in_proj_weight} Xavier-uniform, its {@code in_proj_bias} and {@code out_proj.bias} 0
 *       ({@code nn.MultiheadAttention});</li>
 *   <li>action and surface embeddings {@code N(0, 1)} ({@code nn.Embedding}) with the padding row 0 set to 0;
 *       the position and item-id embeddings {@code N(0, 0.02)} (with exact item ids, the unknown items' row 0 is
 *       0), small because they are added to other
 *       features;</li>
 *   <li>layer norms weight 1, bias 0; time phases 0;</li>
 *   <li>{@code temperature} such that {@code tau = 0.01 + softplus(temperature) = 0.05}.</li>
 * </ul>
 */
public final class ModelInitializer {
    /** The initial temperature tau. */
    public static final double INITIAL_TAU = 0.05;

    private ModelInitializer() {
    }

    /**
     * A checkpoint with freshly initialised parameters.
     *
     * @param random the source of randomness (the seed is part of the API: equal seeds give equal checkpoints)
     */
    public static Checkpoint initialize(ModelSpec spec, Vocabulary actionTypes, Vocabulary surfaces,
            RandomGenerator random) {
        Objects.requireNonNull(random, "random");
        ModelParameters params = ModelParameters.of(spec, actionTypes, surfaces);
        Map<String, FloatTensor> tensors = new LinkedHashMap<>();
        for (String name : params.names()) {
            int[] shape = params.shape(name);
            float[] values = init(name, shape, params, random);
            if (spec.exactItemIds() && name.equals("item_id_embedding.weight")) {
                // row 0 stands for items outside the vocabulary: zero, so such an item is its content vector alone
                java.util.Arrays.fill(values, 0, shape[1], 0f);
            }
            tensors.put(name, FloatTensor.wrap(shape, values));
        }
        return new Checkpoint(spec, actionTypes, surfaces, tensors);
    }

    /** A checkpoint from a seed. */
    public static Checkpoint initialize(ModelSpec spec, Vocabulary actionTypes, Vocabulary surfaces, long seed) {
        return initialize(spec, actionTypes, surfaces, new java.util.SplittableRandom(seed));
    }

    private static float[] init(String name, int[] shape, ModelParameters params, RandomGenerator random) {
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        float[] v = new float[n];
        if (name.equals("temperature")) {
            v[0] = (float) Math.log(Math.expm1(INITIAL_TAU - PinnerFormerGraphs.MIN_TEMPERATURE));
        } else if (name.equals("action_embedding.weight") || name.equals("surface_embedding.weight")) {
            normal(v, 1, random);
            java.util.Arrays.fill(v, 0, shape[1], 0f);
        } else if (name.equals("position_embedding.weight") || name.equals("item_id_embedding.weight")) {
            normal(v, 0.02, random);
        } else if (name.endsWith("in_proj_weight")) {
            uniform(v, Math.sqrt(6.0 / (shape[0] + shape[1])), random);
        } else if (name.endsWith("in_proj_bias") || name.endsWith("out_proj.bias") || name.equals("time_phase")) {
            return v;
        } else if (name.contains("norm")) {
            if (name.endsWith(".weight")) {
                java.util.Arrays.fill(v, 1f);
            }
        } else if (name.endsWith(".weight")) {
            uniform(v, 1 / Math.sqrt(shape[1]), random);
        } else if (name.endsWith(".bias")) {
            int fanIn = params.shape(name.substring(0, name.length() - ".bias".length()) + ".weight")[1];
            uniform(v, 1 / Math.sqrt(fanIn), random);
        } else {
            throw new IllegalStateException("no initialisation rule for parameter '" + name + "'");
        }
        return v;
    }

    private static void uniform(float[] v, double bound, RandomGenerator random) {
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) ((2 * random.nextDouble() - 1) * bound);
        }
    }

    private static void normal(float[] v, double std, RandomGenerator random) {
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (random.nextGaussian() * std);
        }
    }
}
