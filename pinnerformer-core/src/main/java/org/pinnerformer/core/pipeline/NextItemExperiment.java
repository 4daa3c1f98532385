package org.pinnerformer.core.pipeline;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.nio.file.Path;
import java.util.stream.IntStream;
import org.pinnerformer.api.Checkpoint;
import org.pinnerformer.api.ModelSpec;
import org.pinnerformer.api.objective.TrainingOptions;
import org.pinnerformer.core.bundle.ModelBundle;
import org.pinnerformer.core.bundle.Provenance;
import org.pinnerformer.core.data.Dataset;
import org.pinnerformer.core.data.ItemCatalog;
import org.pinnerformer.core.data.ItemVectors;
import org.pinnerformer.core.data.Timelines;
import org.pinnerformer.core.data.TrainingPeriod;
import org.pinnerformer.core.eval.Baselines;
import org.pinnerformer.core.eval.LeaveLastOut;
import org.pinnerformer.core.eval.LeaveLastOutResult;
import org.pinnerformer.core.eval.RetrievalMethod;
import org.pinnerformer.core.retrieval.ItemEmbeddings;
import org.pinnerformer.core.features.SequenceFeatures;
import org.pinnerformer.model.ModelInitializer;
import org.pinnerformer.core.sampling.TrainingBatchSource;
import org.pinnerformer.core.train.TrainingListener;
import org.pinnerformer.core.train.TrainingLoop;
import org.pinnerformer.core.train.TrainingResult;
import org.pinnerformer.core.train.Validator;
import org.pinnerformer.spi.Backend;
import org.pinnerformer.spi.ItemEncoder;
import org.pinnerformer.spi.Trainer;
import org.pinnerformer.spi.UserEncoder;

/**
 * The next-item protocol of sequential recommenders (SASRec and its successors) end to end, on a data set whose
 * timelines are item sequences ({@link org.pinnerformer.core.data.SequenceFile}):
 * <ul>
 *   <li><b>test</b>: every user's last item, ranked against the whole catalogue with the user's history excluded
 *       ({@link LeaveLastOut}, full ranking, no sampled negatives);</li>
 *   <li><b>validation</b>: the second-last item of a seeded {@link NextItemOptions#validationFraction()} of the users
 *       with at least three items, scored by NDCG@K in the same way; used for early stopping and to choose the
 *       checkpoint, nothing else;</li>
 *   <li><b>training</b>: every user's sequence without its last item (validation users: without their last two),
 *       so no label, item vector or popularity count ever comes from a held-out item.</li>
 * </ul>
 * Item content vectors are learned from co-engagement in the training actions; the model's items carry them unless
 * {@link NextItemOptions#modelContentVectors()} is false, when they carry zero vectors and the model knows items by
 * their learned ids alone (as SASRec does). The baselines are popularity (over
 * every action before the test items) and last-item neighbours: the items nearest, in co-engagement space, to the
 * user's last item.
 */
public final class NextItemExperiment {
    /** The name of the last-item-neighbours baseline. */
    public static final String LAST_ITEM_NEIGHBOURS = "last-item-neighbours";

    private final Dataset dataset;
    private final ItemCatalog modelCatalog;
    private final ModelSpec spec;
    private final NextItemOptions options;
    private final int[] validationUsers;
    private final TrainingPeriod trainingPeriod;
    private final Timelines training;
    private final Timelines validation;

    private NextItemExperiment(Dataset raw, ModelSpec spec, NextItemOptions options) {
        if (!options.modelContentVectors() && spec.itemIdHashBuckets() == 0 && !spec.exactItemIds()) {
            throw new IllegalArgumentException("a model without content vectors needs learned item ids (hashed or"
                    + " exact): the model spec has none, so every item would look the same");
        }
        this.spec = spec;
        this.options = options;
        Timelines t = raw.timelines();
        int n = t.userCount();
        int[] eligible = IntStream.range(0, n).filter(u -> t.length(u) >= 3).toArray();
        int count = (int) Math.round(n * options.validationFraction());
        if (count == 0 || count >= eligible.length) {
            throw new IllegalArgumentException("data set " + raw.name() + " has " + eligible.length + " of " + n
                    + " users with three or more items: too few for " + options.validationFraction()
                    + " validation users with training users left over");
        }
        shuffle(eligible, new SplittableRandom(options.seed() ^ 0x6A09E667F3BCC908L));
        this.validationUsers = Arrays.copyOf(eligible, count);
        Arrays.sort(validationUsers);
        boolean[] isValidation = new boolean[n];
        for (int u : validationUsers) {
            isValidation[u] = true;
        }
        Map<Long, Double> cuts = new HashMap<>();
        for (int u = 0; u < n; u++) {
            int heldOut = t.end(u) - (isValidation[u] ? 2 : 1);
            if (heldOut >= t.start(u)) {
                cuts.put(t.userId(u), t.timestamp(heldOut));
            }
        }
        this.trainingPeriod = TrainingPeriod.perUserBefore(cuts);
        this.dataset = raw.withCoEngagementVectors(trainingPeriod,
                options.coEngagement().withDimension(spec.itemVectorSize()));
        ItemCatalog c = dataset.catalog();
        this.modelCatalog = options.modelContentVectors() ? c
                : c.withVectors(spec.itemVectorSize(), new float[c.size() * spec.itemVectorSize()]);
        this.training = dataset.timelines().prefix(trainingPeriod);
        this.validation = dataset.timelines().prefix(TrainingPeriod.allButLast(1));
    }

    /**
     * Holds out the items, learns item vectors from the training actions.
     *
     * @param dataset a sequence data set as read (its content vectors, if any, are replaced by co-engagement
     *     vectors)
     * @param spec the model; its item vector size is the size of the learned vectors
     * @throws IllegalArgumentException if too few users have three or more items
     */
    public static NextItemExperiment prepare(Dataset dataset, ModelSpec spec, NextItemOptions options) {
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(options, "options");
        return new NextItemExperiment(dataset, spec, options);
    }

    /** The data set with the learned content vectors (those of the last-item-neighbours baseline). */
    public Dataset dataset() {
        return dataset;
    }

    /**
     * The catalogue the model trains, validates and is evaluated with, and that its bundle holds: the co-engagement
     * vectors, or zero vectors when {@link NextItemOptions#modelContentVectors()} is false.
     */
    public ItemCatalog modelCatalog() {
        return modelCatalog;
    }

    /** The validation users (dense indexes), ascending. */
    public int[] validationUsers() {
        return validationUsers.clone();
    }

    /** What item vectors, the model and the validation may learn from. */
    public TrainingPeriod trainingPeriod() {
        return trainingPeriod;
    }

    /** Every user's training actions: the timelines without the held-out items. */
    public Timelines trainingTimelines() {
        return training;
    }

    /** The validator: NDCG@K of the validation users' second-last items through {@code backend}'s encoders. */
    public Validator validator(Backend backend) {
        Objects.requireNonNull(backend, "backend");
        SequenceFeatures features = new SequenceFeatures(spec, validation, modelCatalog);
        return checkpoint -> {
            try (UserEncoder users = backend.userEncoder(checkpoint);
                    ItemEncoder items = backend.itemEncoder(checkpoint)) {
                ItemVectors space = ItemEmbeddings.encode(items, modelCatalog, checkpoint.spec(),
                        options.encodeBatchSize());
                return LeaveLastOut.evaluate(validation, validationUsers, new RetrievalMethod.Embedding("validation",
                        new ModelUserEmbedder(users, features, options.encodeBatchSize()), space), options.k(), true,
                        options.threads()).ndcg();
            }
        };
    }

    /**
     * Trains a fresh model (seeded from {@code training.seed()}) on every user's training actions, validating
     * every {@code training.evaluateEvery()} steps and keeping the checkpoint with the best validation NDCG@K.
     *
     * @throws UnsupportedOperationException if the backend cannot train
     */
    public TrainingResult train(Backend backend, TrainingOptions trainingOptions, TrainingListener listener) {
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(trainingOptions, "trainingOptions");
        Objects.requireNonNull(listener, "listener");
        int[] users = IntStream.range(0, training.userCount()).toArray();
        TrainingOptions resolved = TrainingLoop.resolveSteps(trainingOptions, users.length);
        TrainingBatchSource source = new TrainingBatchSource(training, modelCatalog, spec, resolved, users);
        Checkpoint initial = ModelInitializer.initialize(spec, dataset.actionTypes(), dataset.surfaces(),
                resolved.seed());
        TrainingResult result;
        try (Trainer trainer = backend.trainer(initial, resolved)) {
            result = TrainingLoop.builder(trainer, source.iterator()).options(resolved).validator(validator(backend))
                    .patience(options.patience()).smoothing(options.smoothing()).listener(listener).build().run();
        }
        return Experiment.recorded(result, options.seed(), dataset.name(), resolved);
    }

    /** The test: the checkpoint's row (named {@code name}), then the baselines', over every user's last item. */
    public List<LeaveLastOutResult> evaluate(Backend backend, Checkpoint checkpoint, String name) {
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(checkpoint, "checkpoint");
        Objects.requireNonNull(name, "name");
        Timelines all = dataset.timelines();
        int[] users = IntStream.range(0, all.userCount()).toArray();
        List<LeaveLastOutResult> out = new ArrayList<>();
        try (UserEncoder encoder = backend.userEncoder(checkpoint);
                ItemEncoder items = backend.itemEncoder(checkpoint)) {
            ItemVectors space = ItemEmbeddings.encode(items, modelCatalog, checkpoint.spec(), options.encodeBatchSize());
            out.add(LeaveLastOut.evaluate(all, users, new RetrievalMethod.Embedding(name, new ModelUserEmbedder(
                    encoder, new SequenceFeatures(checkpoint.spec(), all, modelCatalog),
                    options.encodeBatchSize()), space), options.k(), true, options.threads()));
        }
        for (RetrievalMethod baseline : baselines()) {
            out.add(LeaveLastOut.evaluate(all, users, baseline, options.k(), true, options.threads()));
        }
        return out;
    }

    /**
     * Popularity over every action before the test items, and last-item neighbours in the co-engagement space of
     * the training actions.
     */
    public List<RetrievalMethod> baselines() {
        Timelines all = dataset.timelines();
        RetrievalMethod.Embedding lastItem = (RetrievalMethod.Embedding) Baselines.lastItem(all,
                ItemVectors.of(dataset.catalog()));
        return List.of(Baselines.popularity(all, dataset.catalog().size(), TrainingPeriod.allButLast(1)),
                new RetrievalMethod.Embedding(LAST_ITEM_NEIGHBOURS, lastItem.users(), lastItem.items()));
    }

    /** {@link #train}, then {@link #evaluate} of the kept checkpoint, named {@code "pinnerformer/<objective>"}. */
    public NextItemResult run(Backend backend, TrainingOptions trainingOptions, TrainingListener listener) {
        TrainingResult trained = train(backend, trainingOptions, listener);
        String name = "pinnerformer/" + trainingOptions.objective().name();
        return new NextItemResult(dataset.name(), name, trained, evaluate(backend, trained.best(), name));
    }

    /**
     * Writes the kept checkpoint as a model bundle with this experiment's item vectors (the catalogue the model was
     * trained with) and its provenance.
     */
    public ModelBundle writeBundle(Path dir, TrainingResult trained, TrainingOptions trainingOptions) {
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(trained, "trained");
        Objects.requireNonNull(trainingOptions, "trainingOptions");
        Map<String, String> t = new TreeMap<>();
        t.put(Experiment.SEED_KEY, Long.toString(options.seed()));
        t.put(Experiment.OBJECTIVE_KEY, trainingOptions.objective().name());
        t.put(Experiment.STEP_KEY, Long.toString(trained.bestStep()));
        t.put("training.options", trainingOptions.toString());
        t.put("training.steps_run", Long.toString(trained.steps()));
        t.put("training.best_validation_ndcg", Double.toString(trained.bestScore()));
        t.put("next_item.options", options.toString());
        return ModelBundle.write(dir, trained.best(), modelCatalog, Provenance.of(dataset, t));
    }

    private static void shuffle(int[] a, SplittableRandom random) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int tmp = a[i];
            a[i] = a[j];
            a[j] = tmp;
        }
    }
}
