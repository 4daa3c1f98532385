package org.pinnerformer.core.pipeline;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.pinnerformer.api.Backends;
import org.pinnerformer.api.Checkpoint;
import org.pinnerformer.api.ModelSpec;
import org.pinnerformer.api.ProgressListener;
import org.pinnerformer.api.objective.TrainingOptions;
import org.pinnerformer.core.bundle.ModelBundle;
import org.pinnerformer.core.bundle.Provenance;
import org.pinnerformer.core.data.Dataset;
import org.pinnerformer.core.data.ItemVectors;
import org.pinnerformer.core.data.Timelines;
import org.pinnerformer.core.data.TrainingPeriod;
import org.pinnerformer.core.eval.Baselines;
import org.pinnerformer.core.eval.CutPolicy;
import org.pinnerformer.core.eval.DailyJobUserEmbedder;
import org.pinnerformer.core.eval.EvalProtocol;
import org.pinnerformer.core.eval.Evaluator;
import org.pinnerformer.core.eval.InferenceMode;
import org.pinnerformer.core.eval.MethodResult;
import org.pinnerformer.core.eval.RetrievalMethod;
import org.pinnerformer.core.eval.UserEmbedder;
import org.pinnerformer.core.eval.UserSplit;
import org.pinnerformer.core.features.SequenceFeatures;
import org.pinnerformer.core.inference.BatchInferenceJob;
import org.pinnerformer.core.inference.BatchInferenceOptions;
import org.pinnerformer.model.ModelInitializer;
import org.pinnerformer.core.retrieval.ItemEmbeddings;
import org.pinnerformer.core.sampling.TrainingBatchSource;
import org.pinnerformer.core.train.TrainingListener;
import org.pinnerformer.core.train.TrainingLoop;
import org.pinnerformer.core.train.TrainingResult;
import org.pinnerformer.spi.Backend;
import org.pinnerformer.spi.BackendOptions;
import org.pinnerformer.spi.Capability;
import org.pinnerformer.spi.ItemEncoder;
import org.pinnerformer.spi.Trainer;
import org.pinnerformer.spi.UserEncoder;

/**
 * One data set prepared for training and evaluation, as in the paper: some users are evaluated and others
 * validate (choose the checkpoint); each validation and evaluation user is cut after the first
 * {@link ExperimentOptions#cutFraction()} of their actions, and everything before the cuts is the training period
 * (the other users' whole timelines and the held-out users' history). The model trains on the training period,
 * either all of it ({@link ExperimentOptions.TrainingUsers#BEFORE_CUT}, the default: evaluated users' history
 * included, as the paper trains on everything before a date) or only the users that are neither evaluated nor
 * validated ({@link ExperimentOptions.TrainingUsers#STRICT}); no label ever comes from after a user's cut. Item
 * content vectors are learned from co-engagement in the training period only; popularity counts the same period.
 *
 * <pre>{@code
 * Experiment e = Experiment.prepare(MovieLens.latestSmall(dir), ModelSpec.smallPreset(), ExperimentOptions.defaults(42));
 * try (Backend b = Backends.discover().create(BackendOptions.defaults(), Capability.TRAIN, Capability.INFER)) {
 *     ExperimentResult r = e.run(b, TrainingOptions.defaults(), TrainingListener.none(), ProgressListener.none());
 *     System.out.println(r.markdown());
 * }
 * }</pre>
 *
 * <p>The same seed and options give the same split, vectors and protocol, so a checkpoint trained by
 * {@link #train} can be evaluated later by {@link #evaluate} on an experiment prepared again with the same
 * arguments; {@link #train} records the seed in the checkpoint's metadata under {@link #SEED_KEY}.
 */
public final class Experiment {
    /** Checkpoint metadata key: the seed of the experiment that trained it. */
    public static final String SEED_KEY = "experiment.seed";
    /** Checkpoint metadata key: the data set it was trained on. */
    public static final String DATASET_KEY = "experiment.dataset";
    /** Checkpoint metadata key: the objective it was trained with. */
    public static final String OBJECTIVE_KEY = "experiment.objective";
    /** Checkpoint metadata key: the step the kept checkpoint was taken at. */
    public static final String STEP_KEY = "experiment.step";
    /** Bundle provenance key: {@link ExperimentOptions#trainingUsers()} of the experiment that trained it. */
    public static final String TRAINING_USERS_KEY = "experiment.training_users";
    /** Bundle provenance key: {@link ExperimentOptions#validationFraction()} of the experiment that trained it. */
    public static final String VALIDATION_FRACTION_KEY = "experiment.validation_fraction";

    private final Dataset dataset;
    private final ModelSpec spec;
    private final ExperimentOptions options;
    private final int[] trainUsers;
    private final int[] validationUsers;
    private final EvalProtocol evalProtocol;
    private final EvalProtocol validationProtocol;
    private final TrainingPeriod trainingPeriod;
    private final Timelines trainingTimelines;
    private final SequenceFeatures features;

    private Experiment(Dataset raw, ModelSpec spec, ExperimentOptions options, Optional<ItemVectors> itemVectors) {
        this.spec = spec;
        this.options = options;
        int n = raw.timelines().userCount();
        UserSplit evalSplit = UserSplit.random(n, options.evalFraction(), options.seed());
        int[] rest = evalSplit.trainUsers();
        int validationCount = (int) Math.round(n * options.validationFraction());
        if (validationCount == 0 || validationCount >= rest.length) {
            throw new IllegalArgumentException("data set " + raw.name() + " has " + n + " users: too few for "
                    + options.validationFraction() + " validation users and " + options.evalFraction()
                    + " evaluation users with training users left over");
        }
        shuffle(rest, new SplittableRandom(options.seed() ^ 0x5DEECE66DL));
        this.validationUsers = Arrays.copyOf(rest, validationCount);
        Arrays.sort(validationUsers);
        int[] heldOut = concat(evalSplit.evalUsers(), validationUsers);
        UserSplit heldOutSplit = UserSplit.of(n, heldOut);
        this.trainUsers = options.trainingUsers() == ExperimentOptions.TrainingUsers.STRICT
                ? heldOutSplit.trainUsers() : IntStream.range(0, n).toArray();
        CutPolicy cut = CutPolicy.fraction(options.cutFraction());
        this.trainingPeriod = cut.trainingPeriod(raw.timelines(), heldOutSplit);
        this.trainingTimelines = raw.timelines().prefix(trainingPeriod);
        this.dataset = itemVectors.isPresent() ? raw.withVectors(itemVectors.get())
                : raw.withCoEngagementVectors(trainingPeriod, options.coEngagement().withDimension(spec.itemVectorSize()));
        this.evalProtocol = EvalProtocol.prepare(dataset, evalSplit, cut, options.eval());
        this.validationProtocol = EvalProtocol.prepare(dataset, UserSplit.of(n, validationUsers), cut,
                options.eval());
        this.features = new SequenceFeatures(spec, dataset.timelines(), dataset.catalog());
    }

    /**
     * Splits the users, learns item vectors from the training period, and prepares the evaluation and validation
     * protocols.
     *
     * @param dataset a data set as read (its content vectors, if any, are replaced by co-engagement vectors)
     * @param spec the model; its item vector size is the size of the learned vectors
     * @throws IllegalArgumentException if the data set has too few users for the split
     */
    public static Experiment prepare(Dataset dataset, ModelSpec spec, ExperimentOptions options) {
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(options, "options");
        return new Experiment(dataset, spec, options, Optional.empty());
    }

    /**
     * The experiment a bundle was trained in, for evaluating it: the same split (the seed recorded in the bundle's
     * provenance) and the bundle's item vectors, never vectors learned again. An item of the data set that the bundle
     * lacks gets the zero vector.
     *
     * @param dataset the data set the bundle was trained on, as read
     * @throws IllegalArgumentException if the data set's content hash is not the one the bundle records, or the
     *     bundle records no experiment seed
     */
    public static Experiment forBundle(Dataset dataset, ModelBundle bundle) {
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(bundle, "bundle");
        Provenance p = bundle.provenance();
        String hash = Provenance.contentHash(dataset);
        if (!hash.equals(p.datasetSha256())) {
            throw new IllegalArgumentException("the " + bundle + " was trained on data set " + p.dataset()
                    + " with content hash " + p.datasetSha256() + " but the data given has hash " + hash + " ("
                    + dataset.name() + "); evaluate on the data it was trained on");
        }
        String seed = p.training().get(SEED_KEY);
        if (seed == null) {
            throw new IllegalArgumentException("the " + bundle + " records no " + SEED_KEY
                    + " in its provenance, so its evaluation users are unknown");
        }
        ExperimentOptions options;
        try {
            options = ExperimentOptions.defaults(Long.parseLong(seed));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the " + bundle + " records the seed '" + seed + "', not a number", e);
        }
        // Bundles written before the training-users choice existed were trained on the strict split.
        String users = p.training().getOrDefault(TRAINING_USERS_KEY, ExperimentOptions.TrainingUsers.STRICT.name());
        String validation = p.training().getOrDefault(VALIDATION_FRACTION_KEY, "0.1");
        try {
            options = options.withTrainingUsers(ExperimentOptions.TrainingUsers.valueOf(users))
                    .withFractions(options.evalFraction(), Double.parseDouble(validation));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the " + bundle + " records " + TRAINING_USERS_KEY + " '" + users
                    + "' and " + VALIDATION_FRACTION_KEY + " '" + validation + "': not a known split", e);
        }
        return new Experiment(dataset, bundle.checkpoint().spec(), options,
                Optional.of(ItemVectors.of(bundle.items())));
    }

    /** The data set with the content vectors learned from the training period. */
    public Dataset dataset() {
        return dataset;
    }

    /** The model spec. */
    public ModelSpec spec() {
        return spec;
    }

    /** The options. */
    public ExperimentOptions options() {
        return options;
    }

    /**
     * The users the model trains on (dense indexes), ascending: every user with
     * {@link ExperimentOptions.TrainingUsers#BEFORE_CUT}, the users neither evaluated nor validated with
     * {@link ExperimentOptions.TrainingUsers#STRICT}.
     */
    public int[] trainUsers() {
        return trainUsers.clone();
    }

    /**
     * What training samples from: every user's timeline up to the end of the {@link #trainingPeriod()} (held-out
     * users cut, the others whole), same dense indexes as {@code dataset().timelines()}.
     */
    public Timelines trainingTimelines() {
        return trainingTimelines;
    }

    /** The validation users, ascending. */
    public int[] validationUsers() {
        return validationUsers.clone();
    }

    /** The evaluation protocol (its evaluation users are the final evaluation users). */
    public EvalProtocol evalProtocol() {
        return evalProtocol;
    }

    /** The validation protocol (its evaluation users are the validation users). */
    public EvalProtocol validationProtocol() {
        return validationProtocol;
    }

    /** What item vectors, popularity and the model may learn from. */
    public TrainingPeriod trainingPeriod() {
        return trainingPeriod;
    }

    /** The validator that scores checkpoints by validation Recall@K through {@code backend}'s encoders. */
    public RecallValidator validator(Backend backend) {
        return new RecallValidator(backend, validationProtocol, features, options.encodeBatchSize());
    }

    /**
     * Trains a fresh model (seeded from {@code training.seed()}) on the {@link #trainUsers()}' actions in the
     * {@link #trainingTimelines()} with {@code backend},
     * validating every {@code training.evaluateEvery()} steps and keeping the best checkpoint by validation
     * Recall@K. The kept checkpoint carries {@link #SEED_KEY}, {@link #DATASET_KEY}, {@link #OBJECTIVE_KEY} and
     * {@link #STEP_KEY} in its metadata.
     *
     * @throws UnsupportedOperationException if the backend cannot train
     */
    public TrainingResult train(Backend backend, TrainingOptions training, TrainingListener listener) {
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(training, "training");
        Objects.requireNonNull(listener, "listener");
        TrainingOptions resolved = TrainingLoop.resolveSteps(training, trainUsers.length);
        TrainingBatchSource source = new TrainingBatchSource(trainingTimelines, dataset.catalog(), spec, resolved,
                trainUsers);
        Checkpoint initial = ModelInitializer.initialize(spec, dataset.actionTypes(), dataset.surfaces(),
                resolved.seed());
        TrainingResult result;
        try (Trainer trainer = backend.trainer(initial, resolved)) {
            result = TrainingLoop.builder(trainer, source.iterator()).options(resolved)
                    .validator(validator(backend)).patience(options.patience()).listener(listener).build().run();
        }
        return recorded(result, options.seed(), dataset.name(), resolved);
    }

    /**
     * The run with its kept checkpoint carrying {@link #SEED_KEY}, {@link #DATASET_KEY}, {@link #OBJECTIVE_KEY} and
     * {@link #STEP_KEY} (shared with {@link NextItemExperiment}).
     */
    static TrainingResult recorded(TrainingResult result, long seed, String datasetName, TrainingOptions resolved) {
        Map<String, String> metadata = new HashMap<>(result.best().metadata());
        metadata.put(SEED_KEY, Long.toString(seed));
        metadata.put(DATASET_KEY, datasetName);
        metadata.put(OBJECTIVE_KEY, resolved.objective().name());
        metadata.put(STEP_KEY, Long.toString(result.bestStep()));
        return new TrainingResult(result.best().withMetadata(metadata), result.bestStep(), result.bestScore(),
                result.steps(), result.stoppedEarly(), result.losses(), result.validations(), result.seconds());
    }

    /**
     * Writes the model bundle of a checkpoint trained in this experiment: the checkpoint, the item vectors it was
     * trained with (this experiment's catalogue: vectors learned from the training period, titles, categories), and
     * provenance (the data set's name and content hash, the training options, {@link #SEED_KEY}, the library
     * version, the time). Serving reads only the bundle.
     *
     * @throws org.pinnerformer.api.PinnerFormerException if {@code dir} is not empty or cannot be written
     */
    public ModelBundle writeBundle(Path dir, TrainingResult trained, TrainingOptions training) {
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(trained, "trained");
        Objects.requireNonNull(training, "training");
        Map<String, String> t = new TreeMap<>();
        t.put(SEED_KEY, Long.toString(options.seed()));
        t.put(OBJECTIVE_KEY, training.objective().name());
        t.put(STEP_KEY, Long.toString(trained.bestStep()));
        t.put(TRAINING_USERS_KEY, options.trainingUsers().name());
        t.put(VALIDATION_FRACTION_KEY, Double.toString(options.validationFraction()));
        t.put("training.options", training.toString());
        t.put("training.steps_run", Long.toString(trained.steps()));
        t.put("training.best_validation_recall", Double.toString(trained.bestScore()));
        t.put("experiment.options", options.toString());
        return ModelBundle.write(dir, trained.best(), dataset.catalog(), Provenance.of(dataset, t));
    }

    /**
     * Evaluates a checkpoint, then the baselines (popularity over the training period, recent mean, last item),
     * on the evaluation users with one {@link Evaluator}: the model's row first.
     *
     * @param name the model's name in the results
     * @throws IllegalArgumentException if the checkpoint's spec or vocabularies do not fit this experiment
     */
    public List<MethodResult> evaluate(Backend backend, Checkpoint checkpoint, String name,
            ProgressListener listener) {
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(checkpoint, "checkpoint");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(listener, "listener");
        requireFits(checkpoint);
        Evaluator evaluator = new Evaluator(evalProtocol);
        List<MethodResult> out = new ArrayList<>();
        try (UserEncoder users = backend.userEncoder(checkpoint);
                ItemEncoder items = backend.itemEncoder(checkpoint)) {
            ItemVectors space = ItemEmbeddings.encode(items, dataset.catalog(), checkpoint.spec(),
                    options.encodeBatchSize());
            out.add(evaluator.evaluate(new RetrievalMethod.Embedding(name,
                    new ModelUserEmbedder(users, new SequenceFeatures(checkpoint.spec(), dataset.timelines(),
                            dataset.catalog()), options.encodeBatchSize()), space), listener));
        }
        out.addAll(evaluator.evaluateAll(baselines(), listener));
        return out;
    }

    /**
     * The paper's inference-frequency comparison on the evaluation users: the checkpoint's Recall@K when each
     * user is embedded once at the cut ({@link InferenceMode#ONCE}), by the daily batch job on every day of the
     * window ({@link InferenceMode#DAILY} through {@link BatchInferenceJob} and its snapshots, the production
     * path: {@link DailyJobUserEmbedder}), and after every action ({@link InferenceMode#REALTIME}), in that
     * order. The daily row is named {@code name + " via daily job"}, the others {@code name}; each row carries its
     * mode.
     *
     * @throws IllegalArgumentException if the checkpoint's spec or vocabularies do not fit this experiment
     */
    public List<MethodResult> compareInferenceModes(Backend backend, Checkpoint checkpoint, String name,
            ProgressListener listener) {
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(checkpoint, "checkpoint");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(listener, "listener");
        requireFits(checkpoint);
        List<MethodResult> out = new ArrayList<>();
        SequenceFeatures checkpointFeatures = new SequenceFeatures(checkpoint.spec(), dataset.timelines(),
                dataset.catalog());
        try (UserEncoder users = backend.userEncoder(checkpoint);
                ItemEncoder items = backend.itemEncoder(checkpoint)) {
            ItemVectors space = ItemEmbeddings.encode(items, dataset.catalog(), checkpoint.spec(),
                    options.encodeBatchSize());
            UserEmbedder direct = new ModelUserEmbedder(users, checkpointFeatures, options.encodeBatchSize());
            UserEmbedder viaJob = new DailyJobUserEmbedder(new BatchInferenceJob(backend, checkpoint,
                    BatchInferenceOptions.defaults().withBatchSize(options.encodeBatchSize())), dataset.timelines(),
                    dataset.catalog(), checkpoint.spec().outputSize());
            out.add(inMode(InferenceMode.ONCE).evaluate(new RetrievalMethod.Embedding(name, direct,
                    space), listener));
            out.add(inMode(InferenceMode.DAILY).evaluate(new RetrievalMethod.Embedding(name + " via daily job",
                    viaJob, space), listener));
            out.add(inMode(InferenceMode.REALTIME).evaluate(new RetrievalMethod.Embedding(name,
                    direct, space), listener));
        }
        return out;
    }

    private Evaluator inMode(InferenceMode mode) {
        EvalProtocol p = evalProtocol;
        return new Evaluator(p.options().mode() == mode ? p
                : EvalProtocol.prepare(dataset, p.split(), p.cutPolicy(), p.options().withMode(mode)));
    }

    /** The baselines, computed from the training period and the learned item vectors. */
    public List<RetrievalMethod> baselines() {
        ItemVectors content = ItemVectors.of(dataset.catalog()).normalized();
        return List.of(
                Baselines.popularity(dataset.timelines(), dataset.catalog().size(), trainingPeriod),
                Baselines.recentMean(dataset.timelines(), content, options.recentItems()),
                Baselines.lastItem(dataset.timelines(), content));
    }

    /** {@link #train}, then {@link #evaluate} of the kept checkpoint, named {@code "pinnerformer/<objective>"}. */
    public ExperimentResult run(Backend backend, TrainingOptions training, TrainingListener trainingListener,
            ProgressListener evalListener) {
        TrainingResult trained = train(backend, training, trainingListener);
        String name = "pinnerformer/" + training.objective().name();
        return new ExperimentResult(name, trained, evaluate(backend, trained.best(), name, evalListener),
                evalProtocol);
    }

    /**
     * {@link #run(Backend, TrainingOptions, TrainingListener, ProgressListener)} on the first usable backend that
     * can train and infer ({@code -Dpinnerformer.backend=NAME} chooses another), closed afterwards: an experiment that
     * names no backend type.
     *
     * @throws org.pinnerformer.api.BackendException listing the backends found when none can train and infer
     */
    public ExperimentResult run(TrainingOptions training, TrainingListener trainingListener,
            ProgressListener evalListener) {
        try (Backend backend = Backends.discover().create(BackendOptions.defaults(), Capability.TRAIN,
                Capability.INFER)) {
            return run(backend, training, trainingListener, evalListener);
        }
    }

    private void requireFits(Checkpoint checkpoint) {
        if (checkpoint.spec().itemVectorSize() != spec.itemVectorSize()) {
            throw new IllegalArgumentException("the checkpoint expects item vectors of size "
                    + checkpoint.spec().itemVectorSize() + " but this experiment learned vectors of size "
                    + spec.itemVectorSize());
        }
        if (!checkpoint.actionTypes().equals(dataset.actionTypes())
                || !checkpoint.surfaces().equals(dataset.surfaces())) {
            throw new IllegalArgumentException("the checkpoint's vocabularies (action types "
                    + checkpoint.actionTypes() + ", surfaces " + checkpoint.surfaces() + ") differ from data set "
                    + dataset.name() + "'s (" + dataset.actionTypes() + ", " + dataset.surfaces() + ")");
        }
    }

    private static void shuffle(int[] a, SplittableRandom random) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int tmp = a[i];
            a[i] = a[j];
            a[j] = tmp;
        }
    }

    private static int[] concat(int[] a, int[] b) {
        int[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
