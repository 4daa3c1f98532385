package org.pinnerformer.core.eval;

import java.util.Arrays;
import java.util.Objects;
import java.util.SplittableRandom;
import org.pinnerformer.core.data.Dataset;
import org.pinnerformer.core.data.TrainingPeriod;

/**
 * A prepared evaluation: the data set, the user split, the cut policy, the options, the evaluated users with
 * their positives ({@link EvalExamples}), the shared item index, and the leak-free training period. Prepare it
 * once and evaluate every method against it, so that all methods see the same users, positives and index.
 *
 * <pre>{@code
 * Dataset ml = MovieLens.latestSmall(dir);
 * UserSplit split = UserSplit.random(ml.timelines().userCount(), 0.2, 42);
 * EvalProtocol protocol = EvalProtocol.prepare(ml, split, CutPolicy.fraction(0.8), EvalOptions.defaults(42));
 * Dataset withVectors = ml.withCoEngagementVectors(protocol.trainingPeriod(), CoEngagementOptions.defaults(42));
 * ItemVectors items = ItemVectors.of(withVectors.catalog()).normalized();
 * List<MethodResult> results = new Evaluator(protocol).evaluateAll(Baselines.all(protocol, items, 20),
 *         ProgressListener.none());
 * }</pre>
 */
public final class EvalProtocol {
    private final Dataset dataset;
    private final UserSplit split;
    private final CutPolicy cutPolicy;
    private final EvalOptions options;
    private final EvalExamples examples;
    private final int[] sharedIndex;
    private final boolean[] inSharedIndex;
    private final int indexSize;

    private EvalProtocol(Dataset dataset, UserSplit split, CutPolicy cutPolicy, EvalOptions options) {
        this.dataset = dataset;
        this.split = split;
        this.cutPolicy = cutPolicy;
        this.options = options;
        this.examples = EvalExamples.build(dataset.timelines(), split.evalUsers(), cutPolicy, options.windowDays());
        int n = dataset.catalog().size();
        if (options.index() instanceof EvalIndex.Sampled s && s.size() < n) {
            this.sharedIndex = sample(n, s.size(), options.seed());
            this.inSharedIndex = new boolean[n];
            for (int i : sharedIndex) {
                inSharedIndex[i] = true;
            }
        } else {
            this.sharedIndex = null;
            this.inSharedIndex = null;
        }
        this.indexSize = sharedIndex == null ? n : effectiveSize(sharedIndex, inSharedIndex, examples, n);
    }

    /**
     * Prepares an evaluation.
     *
     * @param split must split exactly the data set's users
     */
    public static EvalProtocol prepare(Dataset dataset, UserSplit split, CutPolicy cutPolicy, EvalOptions options) {
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(split, "split");
        Objects.requireNonNull(cutPolicy, "cutPolicy");
        Objects.requireNonNull(options, "options");
        if (split.userCount() != dataset.timelines().userCount()) {
            throw new IllegalArgumentException("the split covers " + split.userCount() + " users but data set "
                    + dataset.name() + " has " + dataset.timelines().userCount());
        }
        return new EvalProtocol(dataset, split, cutPolicy, options);
    }

    /** A seeded sample of {@code size} of {@code 0..n-1} (partial Fisher-Yates), ascending. */
    private static int[] sample(int n, int size, long seed) {
        int[] all = new int[n];
        for (int i = 0; i < n; i++) {
            all[i] = i;
        }
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < size; i++) {
            int j = i + random.nextInt(n - i);
            int tmp = all[i];
            all[i] = all[j];
            all[j] = tmp;
        }
        int[] s = Arrays.copyOf(all, size);
        Arrays.sort(s);
        return s;
    }

    private static int effectiveSize(int[] shared, boolean[] inShared, EvalExamples examples, int n) {
        boolean[] added = new boolean[n];
        int size = shared.length;
        for (EvalExample e : examples.examples()) {
            for (int i = 0; i < e.positiveCount(); i++) {
                int p = e.positive(i);
                if (!inShared[p] && !added[p]) {
                    added[p] = true;
                    size++;
                }
            }
        }
        return size;
    }

    /** The data set. */
    public Dataset dataset() {
        return dataset;
    }

    /** The user split. */
    public UserSplit split() {
        return split;
    }

    /** The cut policy. */
    public CutPolicy cutPolicy() {
        return cutPolicy;
    }

    /** The options. */
    public EvalOptions options() {
        return options;
    }

    /** The evaluated users and their positives, with the counts of skipped users. */
    public EvalExamples examples() {
        return examples;
    }

    /**
     * What training (popularity counts, co-engagement vectors, the model) may use without seeing any evaluated
     * user's window: see {@link CutPolicy#trainingPeriod}.
     */
    public TrainingPeriod trainingPeriod() {
        return cutPolicy.trainingPeriod(dataset.timelines(), split);
    }

    /**
     * The number of items retrieval draws from, the denominator of coverage: all items, or the sampled items
     * together with every evaluated user's positives (so that coverage stays at most 1 however many positives
     * lie outside the sample).
     */
    public int indexSize() {
        return indexSize;
    }

    /** The items of the shared index, ascending (all items when the index is not sampled). */
    public int[] sharedIndex() {
        if (sharedIndex == null) {
            int[] all = new int[dataset.catalog().size()];
            Arrays.setAll(all, i -> i);
            return all;
        }
        return sharedIndex.clone();
    }

    /** The shared index, or null for all items (internal, not copied). */
    int[] sharedIndexOrNull() {
        return sharedIndex;
    }

    /** The positives of an example that are not in the shared index: added to that user's candidates. */
    int[] extraCandidates(EvalExample e) {
        if (inSharedIndex == null) {
            return new int[0];
        }
        int[] extra = new int[e.positiveCount()];
        int n = 0;
        for (int i = 0; i < e.positiveCount(); i++) {
            if (!inSharedIndex[e.positive(i)]) {
                extra[n++] = e.positive(i);
            }
        }
        return Arrays.copyOf(extra, n);
    }
}
