package org.pinnerformer.testkit.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.pinnerformer.api.Backends;
import org.pinnerformer.api.Checkpoint;
import org.pinnerformer.api.FloatTensor;
import org.pinnerformer.api.InferenceBatch;
import org.pinnerformer.api.ItemBatch;
import org.pinnerformer.api.ModelSpec;
import org.pinnerformer.api.SequenceBatch;
import org.pinnerformer.api.TrainingBatch;
import org.pinnerformer.api.objective.TrainingOptions;
import org.pinnerformer.model.GraphInterpreter;
import org.pinnerformer.model.GraphNames;
import org.pinnerformer.model.ModelInitializer;
import org.pinnerformer.model.ModelInputs;
import org.pinnerformer.model.ModelParameters;
import org.pinnerformer.model.PinnerFormerGraphs;
import org.pinnerformer.core.sampling.TrainingBatchSource;
import org.pinnerformer.spi.Backend;
import org.pinnerformer.spi.BackendOptions;
import org.pinnerformer.spi.BackendProvider;
import org.pinnerformer.spi.Capability;
import org.pinnerformer.spi.ItemEncoder;
import org.pinnerformer.spi.Trainer;
import org.pinnerformer.spi.UserEncoder;
import org.pinnerformer.testkit.SyntheticActivity;
import org.pinnerformer.testkit.SyntheticConfig;

/**
 * The conformance suite every backend's tests extend: a subclass names the backend and says whether it trains,
 * and inherits every test. The reference is core's pure-Java {@code java} backend (the graph interpreter).
 *
 * <pre>{@code
 * class DjlBackendConformanceTest extends BackendConformanceTest {
 *     DjlBackendConformanceTest() {
 *         super("djl", true);
 *     }
 * }
 * }</pre>
 *
 * <p>Checked: output shapes; unit L2 norms of user and item embeddings; padding invariance (the same actions
 * left-padded to a longer T give the same embeddings); causal invariance (changing the actions after position t
 * leaves every output at or before t unchanged); agreement with the {@code java} backend within {@value #TOLERANCE} on random checkpoints from
 * {@link ModelInitializer}; inputs of the wrong item vector size refused with a sentence; and, for training
 * backends, that a trained checkpoint written to disk and read back encodes identically. What every backend does
 * the same way (use after close, closing what was handed out, the provider's guard) is written and tested once, in
 * the model module's {@code org.pinnerformer.model.engine}.
 */
@SuppressWarnings("exports") // JUnit and AssertJ are optional here: the tests that extend the suite bring them
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class BackendConformanceTest {
    /** Max absolute difference allowed between a backend and the reference, and between equivalent inputs. */
    public static final double TOLERANCE = 1e-5;

    private final String backendName;
    private final boolean trains;
    private SyntheticActivity activity;
    private Backend backend;
    private Backend reference;

    /**
     * A suite for one backend.
     *
     * @param backendName the provider name ({@code djl}, {@code onnx}, ...)
     * @param trains whether the backend has {@link Capability#TRAIN}; the training tests run only then
     * @throws IllegalArgumentException if the name is blank
     */
    protected BackendConformanceTest(String backendName, boolean trains) {
        Objects.requireNonNull(backendName, "backendName");
        if (backendName.isBlank()) {
            throw new IllegalArgumentException("backendName must not be blank, was '" + backendName + "'");
        }
        this.backendName = backendName;
        this.trains = trains;
    }

    /** The options the backend under test is created with; one thread by default. */
    protected BackendOptions options() {
        return BackendOptions.defaults().withThreads(1);
    }

    /** Creates the backend under test and the reference. */
    @BeforeAll
    public void createBackends() {
        activity = new SyntheticActivity(SyntheticConfig.of(60, 300, 17));
        backend = Backends.discover().create(backendName, options(), Capability.INFER);
        reference = Backends.discover().create("java", BackendOptions.defaults().withThreads(1));
    }

    /** Closes both backends. */
    @AfterAll
    public void closeBackends() {
        if (backend != null) {
            backend.close();
        }
        if (reference != null) {
            reference.close();
        }
    }

    /** Every feature switched on, small enough for the interpreter. */
    private ModelSpec spec() {
        return ModelSpec.builder().itemVectorSize(activity.catalog().vectorSize()).actionEmbeddingSize(4)
                .surfaceEmbeddingSize(3).hiddenSize(16).layers(2).heads(2).maxSequenceLength(12).outputSize(8)
                .itemIdHashBuckets(16).build();
    }

    /** The specs the reference agreement is checked on. */
    private List<ModelSpec> specs() {
        ModelSpec all = spec();
        return List.of(all, all.toBuilder().timeFeatures(false).durationFeature(false).positionEmbedding(false)
                .itemIdHashBuckets(0).actionEmbeddingSize(0).surfaceEmbeddingSize(0).layers(1).build(),
                ModelSpec.smallPreset().toBuilder().itemVectorSize(all.itemVectorSize()).build());
    }

    private static Checkpoint checkpoint(ModelSpec spec, long seed) {
        return ModelInitializer.initialize(spec, SyntheticActivity.ACTION_TYPES, SyntheticActivity.SURFACES, seed);
    }

    /**
     * An initialised checkpoint with Gaussian noise (sd 0.2) on every tensor, so no bias is 0 and no norm gain 1: a
     * lowering that drops or misplaces a bias cannot match the reference (TF 2.18's oneDNN remapper did).
     */
    private static Checkpoint noisyCheckpoint(ModelSpec spec, long seed) {
        return withNoise(checkpoint(spec, seed), seed);
    }

    /**
     * {@code c} with Gaussian noise (sd 0.2, seeded) added to every tensor, so no bias is 0 and no norm gain 1: a
     * lowering that drops or misplaces a bias cannot match the reference.
     */
    public static Checkpoint withNoise(Checkpoint c, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Map<String, FloatTensor> noisy = new TreeMap<>();
        for (Map.Entry<String, FloatTensor> e : c.tensors().entrySet()) {
            float[] d = new float[e.getValue().size()];
            e.getValue().data().duplicate().get(d);
            for (int i = 0; i < d.length; i++) {
                d[i] += (float) (0.2 * random.nextGaussian());
            }
            noisy.put(e.getKey(), new FloatTensor(e.getValue().shape(), d));
        }
        return c.withTensors(noisy);
    }

    /** Whether the backend trains; a backend that does not must refuse to make a trainer. */
    private boolean trainsOrRefuses() {
        if (!trains) {
            assertThatThrownBy(() -> backend.trainer(checkpoint(spec(), 1), trainingOptions(2)))
                    .isInstanceOf(UnsupportedOperationException.class);
        }
        return trains;
    }

    private Iterator<TrainingBatch> trainingBatches(ModelSpec spec, TrainingOptions options) {
        int[] all = IntStream.range(0, activity.timelines().userCount()).toArray();
        return new TrainingBatchSource(activity.timelines(), activity.catalog(), spec, options, all).iterator();
    }

    private static SequenceArrays sequences(ModelSpec spec, int b, int t, int[] lengths, long seed) {
        return SequenceArrays.random(spec, b, t, lengths, SyntheticActivity.ACTION_TYPES.size(),
                SyntheticActivity.SURFACES.size(), new SplittableRandom(seed));
    }

    private static InferenceBatch users(SequenceBatch batch) {
        return new InferenceBatch(batch, IntStream.range(0, batch.batchSize()).asLongStream().toArray());
    }

    private static ItemBatch items(ModelSpec spec, int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] v = new float[n * spec.itemVectorSize()];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return new ItemBatch(n, spec.itemVectorSize(), v,
                r.ints(n, 0, Math.max(1, spec.itemIdRows())).toArray());
    }

    /** The largest absolute difference between two arrays of the same length. */
    static double maxAbsDiff(float[] a, float[] b) {
        assertThat(a).hasSameSizeAs(b);
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs((double) a[i] - b[i]));
        }
        return max;
    }

    /** Row {@code row} of {@code [*, d]} values. */
    private static float[] row(float[] values, int row, int d) {
        return java.util.Arrays.copyOfRange(values, row * d, (row + 1) * d);
    }

    /** The provider is registered twice, with the same class: {@code provides} in module-info and META-INF/services. */
    @Test
    public void moduleInfoAndServiceFileNameTheSameProvider() throws IOException {
        Class<?> provider = Backends.discover().find(backendName).orElseThrow().getClass();
        ModuleDescriptor descriptor = provider.getModule().getDescriptor();
        // The testkit's own tests have core (the 'java' backend) on the class path; core's JavaBackendTest checks it.
        org.junit.jupiter.api.Assumptions.assumeFalse(descriptor == null && backendName.equals("java"),
                "the 'java' backend runs on the class path in the testkit's tests");
        assertThat(descriptor).as("the backend must run as a named module in tests").isNotNull();
        List<String> provided = descriptor.provides().stream()
                .filter(p -> p.service().equals(BackendProvider.class.getName()))
                .flatMap(p -> p.providers().stream()).toList();
        try (InputStream in = provider.getModule()
                .getResourceAsStream("META-INF/services/" + BackendProvider.class.getName())) {
            assertThat(in).as("META-INF/services file").isNotNull();
            assertThat(provided).containsExactly(new String(in.readAllBytes(), StandardCharsets.UTF_8).strip())
                    .containsExactly(provider.getName());
        }
    }

    /** The backend reports the capabilities the subclass declared. */
    @Test
    public void declaresTheCapabilitiesTheSuiteWasToldAbout() {
        assertThat(backend.name()).isEqualTo(backendName);
        assertThat(backend.capabilities()).contains(Capability.INFER);
        assertThat(backend.capabilities().contains(Capability.TRAIN)).as("TRAIN capability").isEqualTo(trains);
    }

    /** {@code [B, D]}, {@code [B, T, D]} and {@code [N, D]}. */
    @Test
    public void encodingsHaveTheDocumentedShapes() {
        ModelSpec spec = spec();
        Checkpoint model = checkpoint(spec, 1);
        InferenceBatch batch = users(sequences(spec, 5, 7, new int[] {7, 1, 3}, 2).toBatch());
        try (UserEncoder u = backend.userEncoder(model); ItemEncoder i = backend.itemEncoder(model)) {
            assertThat(u.outputSize()).isEqualTo(spec.outputSize());
            assertThat(i.outputSize()).isEqualTo(spec.outputSize());
            assertThat(u.encode(batch)).hasSize(5 * spec.outputSize());
            assertThat(u.encodeAllPositions(batch)).hasSize(5 * 7 * spec.outputSize());
            assertThat(i.encode(items(spec, 9, 3))).hasSize(9 * spec.outputSize());
        }
    }

    /** Every user embedding, every valid position's output and every item embedding has L2 norm 1. */
    @Test
    public void embeddingsHaveUnitNorm() {
        ModelSpec spec = spec();
        Checkpoint model = checkpoint(spec, 4);
        SequenceBatch seq = sequences(spec, 6, 12, new int[] {12, 1, 5}, 5).toBatch();
        int d = spec.outputSize();
        try (UserEncoder u = backend.userEncoder(model); ItemEncoder i = backend.itemEncoder(model)) {
            float[] users = u.encode(users(seq));
            for (int b = 0; b < 6; b++) {
                assertThat(norm(row(users, b, d))).as("user %d", b).isCloseTo(1.0, within());
            }
            float[] all = u.encodeAllPositions(users(seq));
            float[] valid = new float[6 * 12];
            seq.validMask().get(valid);
            for (int p = 0; p < valid.length; p++) {
                if (valid[p] == 1f) {
                    assertThat(norm(row(all, p, d))).as("position %d", p).isCloseTo(1.0, within());
                }
            }
            float[] it = i.encode(items(spec, 20, 6));
            for (int n = 0; n < 20; n++) {
                assertThat(norm(row(it, n, d))).as("item %d", n).isCloseTo(1.0, within());
            }
        }
    }

    private static org.assertj.core.data.Offset<Double> within() {
        return org.assertj.core.data.Offset.offset(TOLERANCE);
    }

    private static double norm(float[] v) {
        double s = 0;
        for (float x : v) {
            s += (double) x * x;
        }
        return Math.sqrt(s);
    }

    /** The same actions left-padded to T = 5, 9 and 12 give the same outputs at the real actions. */
    @Test
    public void leftPaddingDoesNotChangeEmbeddings() {
        ModelSpec spec = spec();
        Checkpoint model = checkpoint(spec, 7);
        int d = spec.outputSize();
        SequenceArrays shortest = sequences(spec, 4, 5, new int[] {5, 1, 3, 4}, 8);
        try (UserEncoder u = backend.userEncoder(model)) {
            float[] base = u.encode(users(shortest.toBatch()));
            float[] baseAll = u.encodeAllPositions(users(shortest.toBatch()));
            for (int t : new int[] {9, 12}) {
                SequenceArrays padded = shortest.padLeft(t);
                assertThat(maxAbsDiff(u.encode(users(padded.toBatch())), base)).as("newest, T=%d", t)
                        .isLessThanOrEqualTo(TOLERANCE);
                float[] all = u.encodeAllPositions(users(padded.toBatch()));
                for (int b = 0; b < 4; b++) {
                    for (int k = 0; k < 5; k++) {
                        if (shortest.valid[b * 5 + k] == 1f) {
                            assertThat(maxAbsDiff(row(all, b * t + t - 5 + k, d), row(baseAll, b * 5 + k, d)))
                                    .as("row %d position %d of 5, T=%d", b, k, t).isLessThanOrEqualTo(TOLERANCE);
                        }
                    }
                }
            }
        }
    }

    /** Changing the actions after position t changes outputs after t and leaves those at or before t as they were. */
    @Test
    public void outputsDependOnlyOnEarlierActions() {
        ModelSpec spec = spec();
        Checkpoint model = checkpoint(spec, 9);
        int d = spec.outputSize();
        int t = 12;
        SequenceArrays original = sequences(spec, 3, t, new int[] {12, 9, 12}, 10);
        try (UserEncoder u = backend.userEncoder(model)) {
            float[] before = u.encodeAllPositions(users(original.toBatch()));
            for (int cut : new int[] {4, 8, 10}) {
                SequenceArrays changed = original.copy();
                SplittableRandom r = new SplittableRandom(cut);
                for (int b = 0; b < 3; b++) {
                    for (int k = cut + 1; k < t; k++) {
                        changed.randomAction(b * t + k, spec, SyntheticActivity.ACTION_TYPES.size(),
                                SyntheticActivity.SURFACES.size(), r);
                    }
                }
                float[] after = u.encodeAllPositions(users(changed.toBatch()));
                for (int b = 0; b < 3; b++) {
                    for (int k = t - original.validLengthOf(b); k <= cut; k++) {
                        assertThat(maxAbsDiff(row(after, b * t + k, d), row(before, b * t + k, d)))
                                .as("row %d position %d after changing positions > %d", b, k, cut)
                                .isLessThanOrEqualTo(1e-6);
                    }
                    assertThat(maxAbsDiff(row(after, b * t + t - 1, d), row(before, b * t + t - 1, d)))
                            .as("row %d newest position after changing positions > %d", b, cut).isGreaterThan(1e-3);
                }
            }
        }
    }

    /** The system property that sets {@link #leakCheckCalls()} for every backend (10,000 for the full check). */
    public static final String LEAK_CHECK_CALLS = "pinnerformer.leakcheck.calls";

    /**
     * How many user + item encode calls {@link #repeatedEncodingKeepsResidentMemoryFlat} makes after its
     * warm-up: the system property {@value #LEAK_CHECK_CALLS}, else 10,000 (every backend of this project runs
     * that in the default suite; a much slower one may override this and say why).
     */
    protected int leakCheckCalls() {
        return Integer.getInteger(LEAK_CHECK_CALLS, 10_000);
    }

    /** This process's resident set size in KiB, from {@code /proc/self/status}; -1 where there is none. */
    static long residentKib() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    /** Java heap in use after a full collection, in KiB. */
    private static long heapUsedKib() {
        System.gc();
        Runtime r = Runtime.getRuntime();
        return (r.totalMemory() - r.freeMemory()) / 1024;
    }

    /**
     * Thousands of user and item encode calls on one encoder pair, with an encoder opened and closed every 50
     * calls, keep memory flat after a warm-up: {@code VmRSS} of {@code /proc/self/status} within 10% of the
     * highest value seen while warming up (plus whatever heap the collector committed since, which is not a leak),
     * so no native tensor, session or buffer survives a call; and the heap
     * in use after a full collection within 10% (plus 4 MiB), so no Java object does. The warm-up runs in
     * rounds, without forced collections (which make the collector resize the heap), until the resident size
     * stays within 1% of its highest value for three rounds in a row. Not timed.
     */
    @Test
    public void repeatedEncodingKeepsResidentMemoryFlat() {
        org.junit.jupiter.api.Assumptions.assumeTrue(residentKib() > 0, "no /proc/self/status on this system");
        ModelSpec spec = spec();
        Checkpoint model = checkpoint(spec, 21);
        InferenceBatch batch = users(sequences(spec, 4, 12, new int[] {12, 3, 7}, 22).toBatch());
        ItemBatch itemBatch = items(spec, 16, 23);
        int calls = leakCheckCalls();
        int round = Math.max(10, calls / 20);
        try (UserEncoder u = backend.userEncoder(model); ItemEncoder i = backend.itemEncoder(model)) {
            float[] first = u.encode(batch);
            encodeMany(u, i, batch, itemBatch, model, round);
            long heapBefore = heapUsedKib();
            long before = 0;
            long committedBefore = 0;
            int warmCalls = round;
            int flatRounds = 0;
            StringBuilder trace = new StringBuilder();
            for (int r = 0; r < 30; r++) {
                encodeMany(u, i, batch, itemBatch, model, round);
                warmCalls += round;
                long now = residentKib();
                trace.append(trace.length() == 0 ? "" : ", ").append(now / 1024);
                flatRounds = now <= before + before / 100 ? flatRounds + 1 : 0;
                if (now > before) {
                    before = now;
                    committedBefore = Runtime.getRuntime().totalMemory() / 1024;
                }
                // settled: three rounds in a row within 1% of the highest value so far (allocator arenas and
                // engine caches can grow in steps for a few thousand calls before they level off)
                if (r >= 5 && flatRounds >= 3) {
                    break;
                }
            }
            encodeMany(u, i, batch, itemBatch, model, calls);
            assertThat(u.encode(batch)).containsExactly(first);
            long after = residentKib();
            // Heap the collector chose to commit since the baseline is not a leak (the heap in use is checked
            // below), so it is allowed on top of the 10%.
            long heapGrowth = Math.max(0, Runtime.getRuntime().totalMemory() / 1024 - committedBefore);
            long heapAfter = heapUsedKib();
            System.out.printf(java.util.Locale.ROOT, "%s: %,d user + item encode calls and %,d encoders opened and"
                    + " closed after %,d warm-up calls: VmRSS %,d -> %,d KiB (%+.1f%%; the committed heap grew %,d"
                    + " KiB), heap used after GC %,d -> %,d KiB; VmRSS MiB after each warm-up round: %s%n",
                    backendName, calls, (calls + 49) / 50, warmCalls, before, after,
                    100.0 * (after - before) / before, heapGrowth, heapBefore, heapAfter, trace);
            assertThat(after).as("VmRSS KiB after %d calls (%d at most during the warm-up, committed heap grew %d)",
                    calls, before, heapGrowth).isLessThanOrEqualTo(before + before / 10 + heapGrowth);
            assertThat(heapAfter).as("heap KiB in use after %d calls (%d before)", calls, heapBefore)
                    .isLessThanOrEqualTo(heapBefore + heapBefore / 10 + 4096);
        }
    }

    private void encodeMany(UserEncoder u, ItemEncoder i, InferenceBatch batch, ItemBatch items, Checkpoint model,
            int calls) {
        for (int c = 0; c < calls; c++) {
            u.encode(batch);
            i.encode(items);
            if (c % 50 == 0) {
                backend.userEncoder(model).close();
            }
        }
    }

    /**
     * On noisy random checkpoints of three specs, users (newest and every position) and items match the
     * reference.
     */
    @Test
    public void matchesTheJavaReferenceBackend() {
        long seed = 20;
        for (ModelSpec spec : specs()) {
            Checkpoint model = noisyCheckpoint(spec, seed++);
            int t = Math.min(spec.maxSequenceLength(), 17);
            SequenceBatch seq = sequences(spec, 7, t, new int[] {t, 1, t / 2, 3}, seed).toBatch();
            InferenceBatch batch = users(seq);
            ItemBatch itemBatch = items(spec, 40, seed);
            try (UserEncoder u = backend.userEncoder(model); UserEncoder ru = reference.userEncoder(model);
                    ItemEncoder i = backend.itemEncoder(model); ItemEncoder ri = reference.itemEncoder(model)) {
                assertThat(maxAbsDiff(u.encode(batch), ru.encode(batch))).as("users, H=%d", spec.hiddenSize())
                        .isLessThanOrEqualTo(TOLERANCE);
                float[] all = u.encodeAllPositions(batch);
                float[] expected = ru.encodeAllPositions(batch);
                float[] valid = new float[7 * t];
                seq.validMask().get(valid);
                int d = spec.outputSize();
                for (int p = 0; p < valid.length; p++) {
                    if (valid[p] == 1f) {
                        assertThat(maxAbsDiff(row(all, p, d), row(expected, p, d))).as("position %d", p)
                                .isLessThanOrEqualTo(TOLERANCE);
                    }
                }
                assertThat(maxAbsDiff(i.encode(itemBatch), ri.encode(itemBatch))).as("items")
                        .isLessThanOrEqualTo(TOLERANCE);
            }
        }
    }

    /** Batches whose item vectors do not have the model's size are refused with a sentence naming both sizes. */
    @Test
    public void refusesItemVectorsOfTheWrongSize() {
        ModelSpec spec = spec();
        Checkpoint model = checkpoint(spec, 30);
        int f = spec.itemVectorSize();
        ModelSpec wider = spec.toBuilder().itemVectorSize(f + 1).build();
        InferenceBatch batch = users(sequences(wider, 2, 4, new int[] {4}, 31).toBatch());
        try (UserEncoder u = backend.userEncoder(model); ItemEncoder i = backend.itemEncoder(model)) {
            assertThatThrownBy(() -> u.encode(batch)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("the batch has item vectors of size " + (f + 1) + ", the model needs " + f);
            assertThatThrownBy(() -> u.encodeAllPositions(batch)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("the batch has item vectors of size " + (f + 1) + ", the model needs " + f);
            assertThatThrownBy(() -> i.encode(items(wider, 3, 32))).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("the items have vectors of size " + (f + 1) + ", the model needs " + f);
        }
    }

    private static TrainingOptions trainingOptions(int steps) {
        return TrainingOptions.builder().batchSize(16).steps(steps).warmupSteps(0).learningRate(3e-3).seed(3)
                .build();
    }

    /** A training backend's first loss equals the reference loss graph's, on three specs (noisy checkpoints). */
    @Test
    public void theFirstLossEqualsTheReferenceLossGraph() {
        if (!trainsOrRefuses()) {
            return;
        }
        long seed = 50;
        for (ModelSpec spec : specs()) {
            Checkpoint model = noisyCheckpoint(spec, seed++);
            TrainingOptions options = trainingOptions(10);
            TrainingBatch batch = trainingBatches(spec, options).next();
            GraphInterpreter lossGraph = new GraphInterpreter(PinnerFormerGraphs.loss(ModelParameters.of(model)),
                    model.tensors());
            float expected = lossGraph.run(ModelInputs.training(spec, batch)).get(GraphNames.LOSS).get(0);
            try (Trainer trainer = backend.trainer(model, options)) {
                float loss = trainer.step(batch);
                assertThat((double) Math.abs(loss - expected)).as("H=%d", spec.hiddenSize())
                        .isLessThan(1e-4 * Math.max(1, Math.abs(expected)));
                assertThat(trainer.steps()).isEqualTo(1);
            }
        }
    }

    /**
     * The candidate masks reach the backend through the one loss graph: a batch with extra uniform negatives that
     * are copies of the pairs' own positives, masked for every sequence (accidental hits), has the same first loss
     * as the batch without them, on the backend and in the interpreter; unmasked, the copies would raise it.
     */
    @Test
    public void maskedCandidatesLeaveTheLossUnchanged() {
        if (!trainsOrRefuses()) {
            return;
        }
        ModelSpec spec = spec();
        Checkpoint model = noisyCheckpoint(spec, 60);
        TrainingOptions options = trainingOptions(10);
        TrainingBatch batch = trainingBatches(spec, options).next();
        TrainingBatch hits = withCopiesOfPositives(batch, 0f);
        GraphInterpreter lossGraph = new GraphInterpreter(PinnerFormerGraphs.loss(ModelParameters.of(model)),
                model.tensors());
        float expected = lossGraph.run(ModelInputs.training(spec, batch)).get(GraphNames.LOSS).get(0);
        assertThat(lossGraph.run(ModelInputs.training(spec, hits)).get(GraphNames.LOSS).get(0))
                .as("interpreter, masked copies").isCloseTo(expected, org.assertj.core.api.Assertions.within(1e-5f
                        * Math.max(1, Math.abs(expected))));
        float unmasked = lossGraph.run(ModelInputs.training(spec, withCopiesOfPositives(batch, 1f)))
                .get(GraphNames.LOSS).get(0);
        assertThat(unmasked - expected).as("the copies matter when they are not masked").isGreaterThan(0.01f);
        for (TrainingBatch b : List.of(batch, hits)) {
            try (Trainer trainer = backend.trainer(model, options)) {
                float loss = trainer.step(b);
                assertThat((double) Math.abs(loss - expected)).as("%d negatives", b.negatives().count())
                        .isLessThan(1e-4 * Math.max(1, Math.abs(expected)));
            }
        }
    }

    /** {@code batch} with one extra uniform negative per pair, a copy of its positive, {@code mask} for every row. */
    private static TrainingBatch withCopiesOfPositives(TrainingBatch batch, float mask) {
        int p = batch.pairCount();
        int r = batch.negatives().count();
        int users = batch.sequences().batchSize();
        int f = batch.negatives().itemVectorSize();
        float[] vectors = new float[(r + p) * f];
        batch.negatives().vectors().get(vectors, 0, r * f);
        batch.positives().vectors().get(vectors, r * f, p * f);
        int[] buckets = new int[r + p];
        batch.negatives().buckets().get(buckets, 0, r);
        batch.positives().buckets().get(buckets, r, p);
        float[] logQ = new float[r + p];
        batch.negativeLogQ().get(logQ, 0, r);
        java.util.Arrays.fill(logQ, r, r + p, r > 0 ? logQ[0] : 0f);
        float[] candidates = new float[users * (r + p)];
        float[] old = new float[users * r];
        batch.negativeCandidates().get(old);
        for (int b = 0; b < users; b++) {
            System.arraycopy(old, b * r, candidates, b * (r + p), r);
            java.util.Arrays.fill(candidates, b * (r + p) + r, (b + 1) * (r + p), mask);
        }
        int[] pairPosition = new int[p];
        batch.pairPosition().get(pairPosition);
        int[] pairUser = new int[p];
        batch.pairUser().get(pairUser);
        float[] pairWeight = new float[p];
        batch.pairWeight().get(pairWeight);
        float[] positiveLogQ = new float[p];
        batch.positiveLogQ().get(positiveLogQ);
        float[] positiveCandidates = new float[users * p];
        batch.positiveCandidates().get(positiveCandidates);
        return new TrainingBatch(batch.sequences(), pairPosition, pairUser, pairWeight, batch.positives(),
                positiveLogQ, positiveCandidates, new ItemBatch(r + p, f, vectors, buckets), logQ, candidates);
    }

    /** Forty steps on two fixed batches lower their mean loss by at least 20%. */
    @Test
    public void trainingLowersTheLossOnFixedBatches() {
        if (!trainsOrRefuses()) {
            return;
        }
        ModelSpec spec = spec();
        TrainingOptions options = trainingOptions(40);
        Iterator<TrainingBatch> source = trainingBatches(spec, options);
        List<TrainingBatch> fixed = List.of(source.next(), source.next());
        float first;
        float last = 0;
        try (Trainer trainer = backend.trainer(checkpoint(spec, 9), options)) {
            first = (trainer.step(fixed.get(0)) + trainer.step(fixed.get(1))) / 2;
            for (int i = 0; i < 19; i++) {
                last = (trainer.step(fixed.get(0)) + trainer.step(fixed.get(1))) / 2;
            }
            assertThat(trainer.checkpoint().metadata()).containsEntry("training.steps", "40");
        }
        assertThat(last).as("mean loss after 40 steps on two fixed batches").isLessThan(0.8f * first);
    }

    /**
     * On the CPU, the same initial checkpoint and batches give the same trained checkpoint, bit for bit, in four
     * runs whose buffers sit at different native addresses.
     */
    @Test
    public void theSameSeedGivesTheSameCheckpointOnCpu() {
        if (!trainsOrRefuses()) {
            return;
        }
        ModelSpec spec = spec();
        TrainingOptions options = trainingOptions(6);
        int runs = 4;
        Checkpoint[] trained = new Checkpoint[runs];
        float[] firstLoss = new float[runs];
        // Between runs, direct buffers of odd sizes are allocated and kept, so each run's inputs and parameters
        // land at other native addresses: results that depend on addresses or on what memory held before (a
        // backward pass reading freed memory, as DJL's scalar operands once made it) would differ.
        SplittableRandom random = new SplittableRandom(17);
        List<ByteBuffer> shifts = new ArrayList<>();
        for (int run = 0; run < runs; run++) {
            for (int i = 0; i < 8; i++) {
                shifts.add(ByteBuffer.allocateDirect(1 + random.nextInt(20_000)));
            }
            Iterator<TrainingBatch> source = trainingBatches(spec, options);
            try (Trainer trainer = backend.trainer(checkpoint(spec, 4), options)) {
                firstLoss[run] = trainer.step(source.next());
                for (int s = 1; s < 6; s++) {
                    trainer.step(source.next());
                }
                trained[run] = trainer.checkpoint();
            }
        }
        assertThat(shifts).hasSize(8 * runs);
        for (int run = 1; run < runs; run++) {
            assertThat(firstLoss[run]).as("first loss of run %d", run).isEqualTo(firstLoss[0]);
            assertThat(trained[run].tensors()).as("run %d", run).isEqualTo(trained[0].tensors());
            assertThat(trained[run].id()).isEqualTo(trained[0].id());
        }
    }

    /** A training backend's checkpoint, written and read back, encodes exactly as the trainer's copy. */
    @Test
    public void aTrainedCheckpointWrittenAndReadBackEncodesIdentically(@TempDir Path dir) throws IOException {
        if (!trains) {
            assertThatThrownBy(() -> backend.trainer(checkpoint(spec(), 40), trainingOptions(2)))
                    .isInstanceOf(UnsupportedOperationException.class);
            return;
        }
        ModelSpec spec = spec();
        Checkpoint initial = checkpoint(spec, 40);
        TrainingOptions options = trainingOptions(6);
        Iterator<TrainingBatch> source = trainingBatches(spec, options);
        Checkpoint trained;
        try (Trainer trainer = backend.trainer(initial, options)) {
            for (int s = 0; s < 6; s++) {
                assertThat(trainer.step(source.next())).as("loss of step %d", s).isFinite();
            }
            trained = trainer.checkpoint();
        }
        assertThat(trained.tensor("input_projection.weight")).isNotEqualTo(initial.tensor("input_projection.weight"));
        Path file = dir.resolve("trained.safetensors");
        trained.write(file);
        assertThat(Files.size(file)).isPositive();
        Checkpoint read = Checkpoint.read(file);
        InferenceBatch batch = users(sequences(spec, 6, 12, new int[] {12, 2, 7}, 41).toBatch());
        ItemBatch itemBatch = items(spec, 25, 42);
        try (UserEncoder a = backend.userEncoder(trained); UserEncoder b = backend.userEncoder(read);
                ItemEncoder ia = backend.itemEncoder(trained); ItemEncoder ib = backend.itemEncoder(read);
                UserEncoder r = reference.userEncoder(read)) {
            float[] ea = a.encode(batch);
            assertThat(b.encode(batch)).containsExactly(ea);
            assertThat(ib.encode(itemBatch)).containsExactly(ia.encode(itemBatch));
            assertThat(maxAbsDiff(ea, r.encode(batch))).as("trained checkpoint against the reference")
                    .isLessThanOrEqualTo(TOLERANCE);
        }
    }
}
