package org.pinnerformer.api;

import java.util.Arrays;

/**
 * Every hyperparameter of the PinnerFormer network (DESIGN.md section 4). A spec and a pair of
 * vocabularies fully determine the model graph and the names and shapes of its parameters.
 *
 * <p>{@link #paperDefaults()} follows the paper where it states a value (256-d PinSage item vectors,
 * 256-d output, 256 recent actions, 12 absolute and 32 relative time periods); the transformer's width,
 * depth and head count are not given in the paper, and the values chosen here are documented on that
 * method. {@link #smallPreset()} is the reference size used for public data and benchmarks.
 *
 * @param itemVectorSize F, the size of the frozen item content vectors
 * @param actionEmbeddingSize size of the learned action-type embedding (0 removes the feature)
 * @param surfaceEmbeddingSize size of the learned surface embedding (0 removes the feature)
 * @param hiddenSize H, the transformer width
 * @param layers L, the number of PreNorm transformer blocks
 * @param heads attention heads; must divide {@code hiddenSize}
 * @param maxSequenceLength M, the number of most recent actions the model sees
 * @param outputSize D, the size of user and item embeddings
 * @param itemIdHashBuckets buckets of the optional hashed learned item-id embedding; 0 turns it off (and must be 0
 *     with exact item ids)
 * @param timeFeatures whether the three time values are encoded (false for the leave-one-out ablation)
 * @param durationFeature whether {@code log1p(duration)} is an input
 * @param positionEmbedding whether the learned position embedding is added
 * @param absolutePeriodsSeconds periods of the absolute-time encoding, in seconds
 * @param relativePeriodsSeconds periods of the two relative-time encodings, in seconds
 * @param layerNormEpsilon epsilon of every layer norm
 * @param inputDropout dropout rate on the per-action input after the input projection and the position
 *     embedding (training only; 0 = none)
 * @param attentionDropout dropout rate on the attention probabilities (training only; 0 = none)
 * @param residualDropout dropout rate on each residual branch (attention and feed-forward) before it is added
 *     (training only; 0 = none)
 * @param itemIdVocabulary the catalogue item ids of the exact item-id embedding, ascending and distinct: item
 *     {@code itemIdVocabulary[k]} owns row {@code k + 1} of one learned table shared by the input side and the item
 *     tower, row 0 (zero, never trained) stands for every item outside the vocabulary, so an item unseen in
 *     training is represented by its content vector alone; empty turns exact item ids off
 */
public record ModelSpec(
        int itemVectorSize,
        int actionEmbeddingSize,
        int surfaceEmbeddingSize,
        int hiddenSize,
        int layers,
        int heads,
        int maxSequenceLength,
        int outputSize,
        int itemIdHashBuckets,
        boolean timeFeatures,
        boolean durationFeature,
        boolean positionEmbedding,
        double[] absolutePeriodsSeconds,
        double[] relativePeriodsSeconds,
        double layerNormEpsilon,
        double inputDropout,
        double attentionDropout,
        double residualDropout,
        long[] itemIdVocabulary) {

    /** Absolute periods of the paper: 0.25h 0.5h 0.75h 1h 2h 4h 8h 16h 1d 7d 28d 365d. */
    public static final double[] PAPER_ABSOLUTE_PERIODS = {
        900, 1800, 2700, 3600, 7200, 14400, 28800, 57600, 86400, 7 * 86400, 28 * 86400, 365 * 86400
    };

    /** Relative periods of the paper: 32 periods log-spaced from 1 second to 28 days. */
    public static final double[] PAPER_RELATIVE_PERIODS = logSpaced(1, 28 * 86400.0, 32);

    /** The ratio of a feed-forward layer's inner width to its outer width (4, as in the paper). */
    public static final int FFN_MULTIPLIER = 4;

    /** Validates every field and copies the period arrays. */
    public ModelSpec {
        positive("itemVectorSize", itemVectorSize);
        nonNegative("actionEmbeddingSize", actionEmbeddingSize);
        nonNegative("surfaceEmbeddingSize", surfaceEmbeddingSize);
        positive("hiddenSize", hiddenSize);
        positive("layers", layers);
        positive("heads", heads);
        positive("maxSequenceLength", maxSequenceLength);
        positive("outputSize", outputSize);
        nonNegative("itemIdHashBuckets", itemIdHashBuckets);
        if (hiddenSize % heads != 0) {
            throw new IllegalArgumentException(
                    "heads must divide hiddenSize, was hiddenSize=" + hiddenSize + ", heads=" + heads);
        }
        absolutePeriodsSeconds = periods("absolutePeriodsSeconds", absolutePeriodsSeconds);
        relativePeriodsSeconds = periods("relativePeriodsSeconds", relativePeriodsSeconds);
        if (!(layerNormEpsilon > 0) || !Double.isFinite(layerNormEpsilon)) {
            throw new IllegalArgumentException("layerNormEpsilon must be > 0, was " + layerNormEpsilon);
        }
        rate("inputDropout", inputDropout);
        rate("attentionDropout", attentionDropout);
        rate("residualDropout", residualDropout);
        itemIdVocabulary = vocabulary(itemIdVocabulary);
        if (itemIdVocabulary.length > 0 && itemIdHashBuckets > 0) {
            throw new IllegalArgumentException("exact item ids (" + itemIdVocabulary.length + " ids) and hashed item"
                    + " ids (itemIdHashBuckets=" + itemIdHashBuckets + ") exclude each other; set one of them");
        }
    }

    /**
     * A spec without dropout and without exact item ids, the form of every spec before those existed.
     *
     * @param itemVectorSize F
     * @param actionEmbeddingSize the action-type embedding size
     * @param surfaceEmbeddingSize the surface embedding size
     * @param hiddenSize H
     * @param layers L
     * @param heads attention heads
     * @param maxSequenceLength M
     * @param outputSize D
     * @param itemIdHashBuckets item-id hash buckets
     * @param timeFeatures whether the time values are encoded
     * @param durationFeature whether the duration is an input
     * @param positionEmbedding whether the position embedding is added
     * @param absolutePeriodsSeconds absolute periods, in seconds
     * @param relativePeriodsSeconds relative periods, in seconds
     * @param layerNormEpsilon the layer-norm epsilon
     */
    public ModelSpec(int itemVectorSize, int actionEmbeddingSize, int surfaceEmbeddingSize, int hiddenSize,
            int layers, int heads, int maxSequenceLength, int outputSize, int itemIdHashBuckets,
            boolean timeFeatures, boolean durationFeature, boolean positionEmbedding,
            double[] absolutePeriodsSeconds, double[] relativePeriodsSeconds, double layerNormEpsilon) {
        this(itemVectorSize, actionEmbeddingSize, surfaceEmbeddingSize, hiddenSize, layers, heads,
                maxSequenceLength, outputSize, itemIdHashBuckets, timeFeatures, durationFeature, positionEmbedding,
                absolutePeriodsSeconds, relativePeriodsSeconds, layerNormEpsilon, 0, 0, 0, new long[0]);
    }

    /** A copy of the exact item-id vocabulary (empty when exact item ids are off). */
    @Override
    public long[] itemIdVocabulary() {
        return itemIdVocabulary.clone();
    }

    /** Whether the model has exact item ids (one learned row per vocabulary item plus one for unknown items). */
    public boolean exactItemIds() {
        return itemIdVocabulary.length > 0;
    }

    /**
     * Rows of the learned item-id table: the vocabulary size + 1 with exact ids, the hash buckets with hashed ids,
     * 0 when the model has no item-id embedding.
     */
    public int itemIdRows() {
        return itemIdVocabulary.length > 0 ? itemIdVocabulary.length + 1 : itemIdHashBuckets;
    }

    /**
     * The item-id table row of an external item id: {@code 1 + k} for {@code itemIdVocabulary[k]}, 0 for an id
     * outside the vocabulary. Only for exact item ids.
     *
     * @throws IllegalStateException if the spec has no exact item ids
     */
    public int exactItemIdRow(long itemId) {
        if (itemIdVocabulary.length == 0) {
            throw new IllegalStateException("the spec has no exact item ids");
        }
        int k = Arrays.binarySearch(itemIdVocabulary, itemId);
        return k >= 0 ? k + 1 : 0;
    }

    /** Whether any dropout rate is &gt; 0, so the training graph draws masks and needs a step seed. */
    public boolean hasDropout() {
        return inputDropout > 0 || attentionDropout > 0 || residualDropout > 0;
    }

    /**
     * The paper's configuration. Stated in the paper: F = 256 (PinSage), D = 256, M = 256, the 12
     * absolute and 32 relative time periods. Chosen here because the paper does not state them:
     * H = 256, L = 4, 8 heads, action and surface embeddings of 32 and 16, item-id embedding off.
     */
    public static ModelSpec paperDefaults() {
        return builder().build();
    }

    /**
     * The reference size for public data and benchmarks: F = 64, H = 128, L = 2, 4 heads, M = 64,
     * D = 64, action embedding 16, surface embedding 8, item-id embedding off.
     */
    public static ModelSpec smallPreset() {
        return builder().itemVectorSize(64).hiddenSize(128).layers(2).heads(4).maxSequenceLength(64)
                .outputSize(64).actionEmbeddingSize(16).surfaceEmbeddingSize(8).build();
    }

    /** A builder that starts from {@link #paperDefaults()}. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder that starts from this spec. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Copies of the absolute periods. */
    @Override
    public double[] absolutePeriodsSeconds() {
        return absolutePeriodsSeconds.clone();
    }

    /** Copies of the relative periods. */
    @Override
    public double[] relativePeriodsSeconds() {
        return relativePeriodsSeconds.clone();
    }

    /**
     * The number of time angles per action: one per absolute period (absolute time) plus two per
     * relative period (time since the newest action, and gap to the previous action).
     */
    public int timeAngleCount() {
        return absolutePeriodsSeconds.length + 2 * relativePeriodsSeconds.length;
    }

    /** The per-action input width D_in of the input projection (see {@code docs/model.md}). */
    public int inputSize() {
        int size = itemVectorSize + actionEmbeddingSize + surfaceEmbeddingSize;
        if (durationFeature) {
            size += 1;
        }
        if (timeFeatures) {
            size += 2 * timeAngleCount() + 3;
        }
        return size;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ModelSpec s
                && itemVectorSize == s.itemVectorSize
                && actionEmbeddingSize == s.actionEmbeddingSize
                && surfaceEmbeddingSize == s.surfaceEmbeddingSize
                && hiddenSize == s.hiddenSize
                && layers == s.layers
                && heads == s.heads
                && maxSequenceLength == s.maxSequenceLength
                && outputSize == s.outputSize
                && itemIdHashBuckets == s.itemIdHashBuckets
                && timeFeatures == s.timeFeatures
                && durationFeature == s.durationFeature
                && positionEmbedding == s.positionEmbedding
                && Arrays.equals(absolutePeriodsSeconds, s.absolutePeriodsSeconds)
                && Arrays.equals(relativePeriodsSeconds, s.relativePeriodsSeconds)
                && Double.compare(layerNormEpsilon, s.layerNormEpsilon) == 0
                && Double.compare(inputDropout, s.inputDropout) == 0
                && Double.compare(attentionDropout, s.attentionDropout) == 0
                && Double.compare(residualDropout, s.residualDropout) == 0

                && Arrays.equals(itemIdVocabulary, s.itemIdVocabulary);
    }

    @Override
    public int hashCode() {
        int h = java.util.Objects.hash(itemVectorSize, actionEmbeddingSize, surfaceEmbeddingSize, hiddenSize,
                layers, heads, maxSequenceLength, outputSize, itemIdHashBuckets, timeFeatures, durationFeature,
                positionEmbedding, layerNormEpsilon, inputDropout, attentionDropout, residualDropout);
        h = 31 * h + Arrays.hashCode(absolutePeriodsSeconds);
        h = 31 * h + Arrays.hashCode(itemIdVocabulary);
        return 31 * h + Arrays.hashCode(relativePeriodsSeconds);
    }

    @Override
    public String toString() {
        return "ModelSpec[F=" + itemVectorSize + ", action=" + actionEmbeddingSize + ", surface="
                + surfaceEmbeddingSize + ", H=" + hiddenSize + ", L=" + layers + ", heads=" + heads + ", M="
                + maxSequenceLength + ", D=" + outputSize + ", itemIdHashBuckets=" + itemIdHashBuckets
                + ", timeFeatures=" + timeFeatures + ", durationFeature=" + durationFeature
                + ", positionEmbedding=" + positionEmbedding + ", absolutePeriods="
                + absolutePeriodsSeconds.length + ", relativePeriods=" + relativePeriodsSeconds.length
                + ", layerNormEpsilon=" + layerNormEpsilon + ", inputDropout=" + inputDropout
                + ", attentionDropout=" + attentionDropout + ", residualDropout=" + residualDropout
                + ", exactItemIds=" + itemIdVocabulary.length + "]";
    }

    private static double[] logSpaced(double from, double to, int n) {
        double[] out = new double[n];
        double a = Math.log(from);
        double b = Math.log(to);
        for (int i = 0; i < n; i++) {
            out[i] = Math.exp(a + (b - a) * i / (n - 1));
        }
        out[0] = from;
        out[n - 1] = to;
        return out;
    }

    private static void positive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be > 0, was " + value);
        }
    }

    private static void nonNegative(String name, int value) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " must be >= 0, was " + value);
        }
    }

    private static void rate(String name, double value) {
        if (!(value >= 0 && value < 1)) {
            throw new IllegalArgumentException(name + " must be >= 0 and < 1, was " + value);
        }
    }

    private static long[] vocabulary(long[] ids) {
        java.util.Objects.requireNonNull(ids, "itemIdVocabulary");
        for (int i = 1; i < ids.length; i++) {
            if (ids[i] <= ids[i - 1]) {
                throw new IllegalArgumentException("itemIdVocabulary must be ascending and distinct, but ["
                        + (i - 1) + "]=" + ids[i - 1] + " is followed by [" + i + "]=" + ids[i]);
            }
        }
        return ids.clone();
    }

    private static double[] periods(String name, double[] periods) {
        java.util.Objects.requireNonNull(periods, name);
        if (periods.length == 0) {
            throw new IllegalArgumentException(name + " must hold at least one period");
        }
        for (int i = 0; i < periods.length; i++) {
            if (!(periods[i] > 0) || !Double.isFinite(periods[i])) {
                throw new IllegalArgumentException(
                        name + "[" + i + "] must be a finite number of seconds > 0, was " + periods[i]);
            }
        }
        return periods.clone();
    }

    /** A mutable builder of {@link ModelSpec}; starts from the paper's defaults. */
    public static final class Builder {
        private int itemVectorSize = 256;
        private int actionEmbeddingSize = 32;
        private int surfaceEmbeddingSize = 16;
        private int hiddenSize = 256;
        private int layers = 4;
        private int heads = 8;
        private int maxSequenceLength = 256;
        private int outputSize = 256;
        private int itemIdHashBuckets = 0;
        private boolean timeFeatures = true;
        private boolean durationFeature = true;
        private boolean positionEmbedding = true;
        private double[] absolutePeriodsSeconds = PAPER_ABSOLUTE_PERIODS.clone();
        private double[] relativePeriodsSeconds = PAPER_RELATIVE_PERIODS.clone();
        private double layerNormEpsilon = 1e-5;
        private long[] itemIdVocabulary = new long[0];
        private double inputDropout;
        private double attentionDropout;
        private double residualDropout;

        private Builder() {
        }

        private Builder(ModelSpec s) {
            itemVectorSize = s.itemVectorSize;
            actionEmbeddingSize = s.actionEmbeddingSize;
            surfaceEmbeddingSize = s.surfaceEmbeddingSize;
            hiddenSize = s.hiddenSize;
            layers = s.layers;
            heads = s.heads;
            maxSequenceLength = s.maxSequenceLength;
            outputSize = s.outputSize;
            itemIdHashBuckets = s.itemIdHashBuckets;
            timeFeatures = s.timeFeatures;
            durationFeature = s.durationFeature;
            positionEmbedding = s.positionEmbedding;
            absolutePeriodsSeconds = s.absolutePeriodsSeconds.clone();
            relativePeriodsSeconds = s.relativePeriodsSeconds.clone();
            layerNormEpsilon = s.layerNormEpsilon;
            itemIdVocabulary = s.itemIdVocabulary.clone();
            inputDropout = s.inputDropout;
            attentionDropout = s.attentionDropout;
            residualDropout = s.residualDropout;
        }

        /** Sets F. */
        public Builder itemVectorSize(int v) {
            itemVectorSize = v;
            return this;
        }

        /** Sets the action-type embedding size (0 removes the feature). */
        public Builder actionEmbeddingSize(int v) {
            actionEmbeddingSize = v;
            return this;
        }

        /** Sets the surface embedding size (0 removes the feature). */
        public Builder surfaceEmbeddingSize(int v) {
            surfaceEmbeddingSize = v;
            return this;
        }

        /** Sets H. */
        public Builder hiddenSize(int v) {
            hiddenSize = v;
            return this;
        }

        /** Sets L. */
        public Builder layers(int v) {
            layers = v;
            return this;
        }

        /** Sets the number of attention heads. */
        public Builder heads(int v) {
            heads = v;
            return this;
        }

        /** Sets M. */
        public Builder maxSequenceLength(int v) {
            maxSequenceLength = v;
            return this;
        }

        /** Sets D. */
        public Builder outputSize(int v) {
            outputSize = v;
            return this;
        }

        /** Sets the number of item-id hash buckets (0 = off). */
        public Builder itemIdHashBuckets(int v) {
            itemIdHashBuckets = v;
            return this;
        }

        /**
         * Turns exact item ids on for these catalogue item ids (any order, repeats ignored), or off when none are
         * given; hashed item ids must then be off ({@code itemIdHashBuckets(0)}).
         */
        public Builder exactItemIds(long... ids) {
            itemIdVocabulary = java.util.stream.LongStream.of(ids).sorted().distinct().toArray();
            return this;
        }

        /** Turns the time features on or off. */
        public Builder timeFeatures(boolean v) {
            timeFeatures = v;
            return this;
        }

        /** Turns the duration feature on or off. */
        public Builder durationFeature(boolean v) {
            durationFeature = v;
            return this;
        }

        /** Turns the learned position embedding on or off. */
        public Builder positionEmbedding(boolean v) {
            positionEmbedding = v;
            return this;
        }

        /** Sets the absolute periods, in seconds. */
        public Builder absolutePeriodsSeconds(double... v) {
            absolutePeriodsSeconds = v.clone();
            return this;
        }

        /** Sets the relative periods, in seconds. */
        public Builder relativePeriodsSeconds(double... v) {
            relativePeriodsSeconds = v.clone();
            return this;
        }

        /** Sets the layer-norm epsilon. */
        public Builder layerNormEpsilon(double v) {
            layerNormEpsilon = v;
            return this;
        }

        /** Sets the dropout rate of the input (training only; 0 = none). */
        public Builder inputDropout(double v) {
            inputDropout = v;
            return this;
        }

        /** Sets the dropout rate of the attention probabilities (training only; 0 = none). */
        public Builder attentionDropout(double v) {
            attentionDropout = v;
            return this;
        }

        /** Sets the dropout rate of the residual branches (training only; 0 = none). */
        public Builder residualDropout(double v) {
            residualDropout = v;
            return this;
        }

        /** Sets all three dropout rates (input, attention, residual) to {@code v}. */
        public Builder dropout(double v) {
            return inputDropout(v).attentionDropout(v).residualDropout(v);
        }

        /** Builds and validates the spec. */
        public ModelSpec build() {
            return new ModelSpec(itemVectorSize, actionEmbeddingSize, surfaceEmbeddingSize, hiddenSize, layers,
                    heads, maxSequenceLength, outputSize, itemIdHashBuckets, timeFeatures, durationFeature,
                    positionEmbedding, absolutePeriodsSeconds, relativePeriodsSeconds, layerNormEpsilon, inputDropout,
                    attentionDropout, residualDropout, itemIdVocabulary);
        }
    }
}
