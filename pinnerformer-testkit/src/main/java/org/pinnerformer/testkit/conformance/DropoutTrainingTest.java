package org.pinnerformer.testkit.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.pinnerformer.api.Backends;
import org.pinnerformer.api.Checkpoint;
import org.pinnerformer.api.ModelSpec;
import org.pinnerformer.api.TrainingBatch;
import org.pinnerformer.api.objective.TrainingOptions;
import org.pinnerformer.core.sampling.TrainingBatchSource;
import org.pinnerformer.model.ModelInitializer;
import org.pinnerformer.spi.Backend;
import org.pinnerformer.spi.BackendOptions;
import org.pinnerformer.spi.Capability;
import org.pinnerformer.spi.Trainer;
import org.pinnerformer.testkit.SyntheticActivity;
import org.pinnerformer.testkit.SyntheticConfig;

/**
 * Dropout on a training backend, extended by each backend that trains (as {@link BackendConformanceTest}): a
 * training step with dropout is reproducible from the training seed and the step number, a different step draws
 * other masks, and the loss differs from the same step without dropout. Masks come from each backend's own random
 * generator, so losses are compared within one backend only. {@link #assertInvertedDropout} checks one dropout
 * op's output, for the backends' op-level tests.
 */
@SuppressWarnings("exports") // JUnit and AssertJ are optional here: the tests that extend the suite bring them
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class DropoutTrainingTest {
    /**
     * A learning rate so small that a step changes no parameter that matters to the loss, so consecutive steps on
     * one batch differ only by their dropout masks.
     */
    private static final double FROZEN = 1e-30;

    private final String backendName;
    private SyntheticActivity activity;
    private Backend backend;

    /**
     * Dropout tests for one training backend.
     *
     * @param backendName the provider name ({@code djl}, {@code tf})
     */
    protected DropoutTrainingTest(String backendName) {
        this.backendName = backendName;
    }

    /** The options the backend under test is created with; two threads by default. */
    protected BackendOptions options() {
        return BackendOptions.defaults().withThreads(2);
    }

    /** Creates the backend under test. */
    @BeforeAll
    public void createBackend() {
        activity = new SyntheticActivity(SyntheticConfig.of(60, 300, 17));
        backend = Backends.discover().create(backendName, options(), Capability.TRAIN);
    }

    /** Closes it. */
    @AfterAll
    public void closeBackend() {
        if (backend != null) {
            backend.close();
        }
    }

    private ModelSpec spec(double rate) {
        return ModelSpec.builder().itemVectorSize(activity.catalog().vectorSize()).actionEmbeddingSize(4)
                .surfaceEmbeddingSize(3).hiddenSize(16).layers(2).heads(2).maxSequenceLength(12).outputSize(8)
                .itemIdHashBuckets(16).dropout(rate).build();
    }

    private static TrainingOptions options(long seed) {
        return TrainingOptions.builder().batchSize(16).steps(10).warmupSteps(0).learningRate(FROZEN).seed(seed)
                .build();
    }

    private TrainingBatch batch(ModelSpec spec) {
        int[] all = IntStream.range(0, activity.timelines().userCount()).toArray();
        return new TrainingBatchSource(activity.timelines(), activity.catalog(), spec, options(3), all).iterator()
                .next();
    }

    /** The losses of the first two steps, both on {@code batch}, of a fresh trainer. */
    private float[] twoSteps(ModelSpec spec, long seed, TrainingBatch batch) {
        Checkpoint initial = ModelInitializer.initialize(spec, SyntheticActivity.ACTION_TYPES,
                SyntheticActivity.SURFACES, 5);
        try (Trainer trainer = backend.trainer(initial, options(seed))) {
            return new float[] {trainer.step(batch), trainer.step(batch)};
        }
    }

    /** The same training seed and step give the same loss; another step or seed draws other masks. */
    @Test
    public void aStepWithDropoutIsReproducibleFromTheSeedAndTheStep() {
        ModelSpec spec = spec(0.3);
        TrainingBatch batch = batch(spec);
        float[] a = twoSteps(spec, 3, batch);
        float[] b = twoSteps(spec, 3, batch);
        float[] otherSeed = twoSteps(spec, 4, batch);
        assertThat(a[0]).isFinite();
        assertThat(a[1]).isFinite();
        assertThat(b).containsExactly(a);
        // parameters are frozen, so only the masks differ between the two steps and between the seeds
        assertThat((double) Math.abs(a[1] - a[0])).as("step 0 %s vs step 1 %s", a[0], a[1]).isGreaterThan(1e-3);
        assertThat((double) Math.abs(otherSeed[0] - a[0])).as("seed 3 vs seed 4").isGreaterThan(1e-3);
    }

    /**
     * Without dropout two steps on one batch with frozen parameters give the same loss (the control of the test
     * above), and that loss differs from the loss with dropout.
     */
    @Test
    public void dropoutChangesTheLossAndItsAbsenceChangesNothing() {
        ModelSpec plain = spec(0);
        TrainingBatch batch = batch(plain);
        float[] without = twoSteps(plain, 3, batch);
        float[] with = twoSteps(spec(0.3), 3, batch);
        assertThat((double) without[1]).isCloseTo(without[0], within(1e-6 * Math.max(1, Math.abs(without[0]))));
        assertThat((double) Math.abs(with[0] - without[0])).as("with %s, without %s", with[0], without[0])
                .isGreaterThan(1e-3);
    }

    /**
     * Each position is lowered: dropout on the input only, on the attention probabilities only, or on the residual
     * branches only, each changes the first loss (a lowering that ignored one would leave it equal).
     */
    @Test
    public void eachDropoutPositionAloneChangesTheLoss() {
        ModelSpec plain = spec(0);
        TrainingBatch batch = batch(plain);
        float without = twoSteps(plain, 3, batch)[0];
        for (ModelSpec one : java.util.List.of(plain.toBuilder().inputDropout(0.3).build(),
                plain.toBuilder().attentionDropout(0.3).build(), plain.toBuilder().residualDropout(0.3).build())) {
            float with = twoSteps(one, 3, batch)[0];
            assertThat((double) Math.abs(with - without)).as("%s: with %s, without %s", one, with, without)
                    .isGreaterThan(1e-4);
        }
    }

    /**
     * Checks the output {@code y} of inverted dropout at {@code rate} applied to {@code x}, an array of ones of at
     * least 100,000 elements: about {@code rate} of it is 0 (within 0.01), the rest is {@code 1 / (1 - rate)}, and
     * the mean stays 1 within 0.02.
     */
    public static void assertInvertedDropout(float[] x, float[] y, double rate) {
        assertThat(y).hasSameSizeAs(x);
        assertThat(x.length).isGreaterThanOrEqualTo(100_000);
        int zeros = 0;
        double sum = 0;
        float kept = (float) (1 / (1 - rate));
        for (int i = 0; i < y.length; i++) {
            assertThat(x[i]).isEqualTo(1f);
            if (y[i] == 0) {
                zeros++;
            } else {
                assertThat(y[i]).as("element %d", i).isCloseTo(kept, within(1e-6f * kept));
            }
            sum += y[i];
        }
        assertThat((double) zeros / y.length).as("dropped fraction").isCloseTo(rate, within(0.01));
        assertThat(sum / y.length).as("mean").isCloseTo(1.0, within(0.02));
    }
}
