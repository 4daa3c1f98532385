package org.pinnerformer.core.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.pinnerformer.api.Checkpoint;
import org.pinnerformer.core.data.ItemCatalog;
import org.pinnerformer.core.data.Timelines;
import org.pinnerformer.core.features.SequenceFeatures;
import org.pinnerformer.core.inference.BatchInferenceJob;
import org.pinnerformer.core.inference.BatchInferenceOptions;
import org.pinnerformer.core.inference.JobFixtures;
import org.pinnerformer.core.pipeline.ModelUserEmbedder;
import org.pinnerformer.spi.Backend;
import org.pinnerformer.spi.UserEncoder;

class DailyJobUserEmbedderTest {
    private static final ItemCatalog CATALOG = JobFixtures.catalog();
    private static final Timelines TIMELINES = JobFixtures.timelines(CATALOG);
    private static final Checkpoint MODEL = JobFixtures.checkpoint(3);

    @Test
    void embeddingsThroughTheDailyJobEqualDirectEncodingAtEveryCut() {
        SequenceFeatures features = new SequenceFeatures(JobFixtures.spec(), TIMELINES, CATALOG);
        int[] users = IntStream.range(0, TIMELINES.userCount()).toArray();
        double day = 86_400;
        double start = TIMELINES.timestamp(TIMELINES.start(0));
        // increasing cuts (incremental runs), an earlier cut (a fresh full run), and a repeated cut (cached)
        double[] cuts = {start + 5 * day, start + 6 * day, start + 7.5 * day, start + 3 * day, start + 6 * day};
        try (Backend backend = JobFixtures.javaBackend(); UserEncoder encoder = backend.userEncoder(MODEL)) {
            int d = MODEL.spec().outputSize();
            DailyJobUserEmbedder daily = new DailyJobUserEmbedder(
                    new BatchInferenceJob(backend, MODEL, new BatchInferenceOptions(5, 1)), TIMELINES, CATALOG, d);
            ModelUserEmbedder direct = new ModelUserEmbedder(encoder, features, 16);
            for (double cut : cuts) {
                double[] at = new double[users.length];
                Arrays.fill(at, cut);
                float[] viaJob = daily.embed(users, at);
                float[] reference = direct.embed(users, at);
                assertThat(viaJob).containsExactly(reference, within(1e-6f));
                assertThat(viaJob).as("some users have actions by the cut").isNotEqualTo(new float[viaJob.length]);
            }
            assertThat(daily.jobRuns()).isEqualTo(4);
            assertThatThrownBy(() -> daily.embed(new int[] {0}, new double[0]))
                    .hasMessage("users and cutTimes must have the same length, were 1 and 0");
        }
    }

    @Test
    void plannedQueriesInAnyOrderRunTheJobForwardOncePerTimeAndEqualDirectEncoding() {
        SequenceFeatures features = new SequenceFeatures(JobFixtures.spec(), TIMELINES, CATALOG);
        double day = 86_400;
        double start = TIMELINES.timestamp(TIMELINES.start(0));
        int n = TIMELINES.userCount();
        // per-user cuts, each asked for on three consecutive days, announced in a shuffled order
        int[] users = new int[3 * n];
        double[] cuts = new double[3 * n];
        for (int u = 0; u < n; u++) {
            for (int d = 0; d < 3; d++) {
                int q = (7 * (3 * u + d) + 5) % (3 * n);
                users[q] = u;
                cuts[q] = start + (2 + u % 4) * day + d * day;
            }
        }
        assertThat(Arrays.stream(cuts).min().getAsDouble()).as("every query was set").isGreaterThan(start);
        long distinct = Arrays.stream(cuts).distinct().count();
        try (Backend backend = JobFixtures.javaBackend(); UserEncoder encoder = backend.userEncoder(MODEL)) {
            int d = MODEL.spec().outputSize();
            DailyJobUserEmbedder daily = new DailyJobUserEmbedder(
                    new BatchInferenceJob(backend, MODEL, new BatchInferenceOptions(5, 1)), TIMELINES, CATALOG, d);
            daily.plan(users, cuts);
            assertThat(daily.jobRuns()).isEqualTo((int) distinct);
            float[] reference = new ModelUserEmbedder(encoder, features, 16).embed(users, cuts);
            assertThat(daily.embed(users, cuts)).containsExactly(reference, within(1e-6f));
            assertThat(daily.jobRuns()).as("planned queries need no further run").isEqualTo((int) distinct);
            // a query outside the plan still gets an answer, from a run of its own
            float[] extra = daily.embed(new int[] {0}, new double[] {start + 20 * day});
            assertThat(extra).containsExactly(new ModelUserEmbedder(encoder, features, 16)
                    .embed(new int[] {0}, new double[] {start + 20 * day}), within(1e-6f));
            assertThat(daily.jobRuns()).isEqualTo((int) distinct + 1);
        }
    }
}
