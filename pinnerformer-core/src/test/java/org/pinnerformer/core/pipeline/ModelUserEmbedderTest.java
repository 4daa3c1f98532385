package org.pinnerformer.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.pinnerformer.core.pipeline.PipelineFixtures.DAY;
import static org.pinnerformer.core.pipeline.PipelineFixtures.T0;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.pinnerformer.api.Checkpoint;
import org.pinnerformer.core.data.CoEngagementOptions;
import org.pinnerformer.core.data.Dataset;
import org.pinnerformer.core.data.TrainingPeriod;
import org.pinnerformer.core.features.InferenceBatches;
import org.pinnerformer.core.features.SequenceFeatures;
import org.pinnerformer.model.ModelInitializer;
import org.pinnerformer.spi.Backend;
import org.pinnerformer.spi.UserEncoder;

class ModelUserEmbedderTest {
    private static final Dataset DATA = PipelineFixtures.clustered(6, 3).withCoEngagementVectors(
            TrainingPeriod.before(T0 + 10 * DAY), CoEngagementOptions.defaults(1).withDimension(6));
    private static final Checkpoint MODEL = ModelInitializer.initialize(PipelineFixtures.tinySpec(),
            DATA.actionTypes(), DATA.surfaces(), 9);
    private static final SequenceFeatures FEATURES = new SequenceFeatures(PipelineFixtures.tinySpec(),
            DATA.timelines(), DATA.catalog());

    @Test
    void embedsEachUserAsTheEncoderDoesAloneAtThatUsersCut() {
        int[] users = {0, 1, 2, 0, 5};
        double[] cuts = {T0 + 3 * DAY, T0 + 15 * DAY, Double.POSITIVE_INFINITY, T0 + 0.5 * DAY, T0 + 7.2 * DAY};
        try (Backend backend = PipelineFixtures.javaBackend(); UserEncoder encoder = backend.userEncoder(MODEL)) {
            float[] got = new ModelUserEmbedder(encoder, FEATURES, 2).embed(users, cuts);
            assertThat(got).hasSize(5 * 4);
            for (int i = 0; i < users.length; i++) {
                float[] alone = encoder.encode(InferenceBatches.at(FEATURES, new int[] {users[i]}, cuts[i]));
                float[] row = Arrays.copyOfRange(got, 4 * i, 4 * i + 4);
                assertThat(row).containsExactly(alone, within(1e-6f));
            }
            // Different cuts of the same user give different embeddings: the future is not used.
            assertThat(Arrays.copyOfRange(got, 0, 4)).isNotEqualTo(Arrays.copyOfRange(got, 12, 16));
        }
    }

    @Test
    void theBatchSizeDoesNotChangeTheEmbeddings() {
        int[] users = {4, 3, 2, 1, 0};
        double[] cuts = new double[5];
        Arrays.fill(cuts, T0 + 12 * DAY);
        try (Backend backend = PipelineFixtures.javaBackend(); UserEncoder encoder = backend.userEncoder(MODEL)) {
            float[] one = new ModelUserEmbedder(encoder, FEATURES, 1).embed(users, cuts);
            float[] all = new ModelUserEmbedder(encoder, FEATURES, 64).embed(users, cuts);
            assertThat(all).containsExactly(one, within(1e-6f));
        }
    }

    @Test
    void aUserWithNoActionAtTheCutGetsTheZeroRow() {
        try (Backend backend = PipelineFixtures.javaBackend(); UserEncoder encoder = backend.userEncoder(MODEL)) {
            float[] got = new ModelUserEmbedder(encoder, FEATURES, 8).embed(new int[] {1, 2},
                    new double[] {T0 - DAY, T0 + 5 * DAY});
            assertThat(Arrays.copyOfRange(got, 0, 4)).containsOnly(0f);
            double norm = 0;
            for (int c = 4; c < 8; c++) {
                norm += got[c] * got[c];
            }
            assertThat(Math.sqrt(norm)).isCloseTo(1, within(1e-5));
        }
    }

    @Test
    void rejectsBadArguments() {
        try (Backend backend = PipelineFixtures.javaBackend(); UserEncoder encoder = backend.userEncoder(MODEL)) {
            assertThatThrownBy(() -> new ModelUserEmbedder(encoder, FEATURES, 0))
                    .isInstanceOf(IllegalArgumentException.class).hasMessage("batchSize must be > 0, was 0");
            ModelUserEmbedder e = new ModelUserEmbedder(encoder, FEATURES, 4);
            assertThatThrownBy(() -> e.embed(new int[] {1}, new double[0]))
                    .hasMessage("users and cutTimes must have the same length, had 1 and 0");
            assertThatThrownBy(() -> e.embed(new int[] {1}, new double[] {Double.NaN}))
                    .hasMessage("cutTimes[0] must be a time in epoch seconds, was NaN");
        }
    }
}
