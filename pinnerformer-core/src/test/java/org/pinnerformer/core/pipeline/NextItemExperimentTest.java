package org.pinnerformer.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pinnerformer.api.ModelSpec;
import org.pinnerformer.core.data.Dataset;
import org.pinnerformer.core.data.ItemCatalog;
import org.pinnerformer.core.data.SequenceFile;
import org.pinnerformer.core.data.Timelines;
import org.pinnerformer.core.eval.RetrievalMethod;

class NextItemExperimentTest {
    @TempDir
    Path dir;

    private Dataset sequences(int users, int length, int items) throws IOException {
        SplittableRandom r = new SplittableRandom(7);
        StringBuilder sb = new StringBuilder();
        for (int u = 0; u < users; u++) {
            sb.append(1000 + u);
            int n = 2 + u % length;
            for (int k = 0; k < n; k++) {
                sb.append(' ').append(r.nextInt(items));
            }
            sb.append('\n');
        }
        return SequenceFile.read(Files.writeString(dir.resolve("seq.txt"), sb));
    }

    private static ModelSpec spec() {
        return ModelSpec.smallPreset().toBuilder().itemVectorSize(8).build();
    }

    @Test
    void trainsOnEverythingButTheLastItemAndTheValidationUsersSecondLast() throws IOException {
        Dataset data = sequences(100, 12, 40);
        NextItemExperiment e = NextItemExperiment.prepare(data, spec(), NextItemOptions.defaults(3));
        Timelines all = e.dataset().timelines();
        Timelines train = e.trainingTimelines();
        int[] validation = e.validationUsers();
        assertThat(validation).hasSize(10).isSorted();
        assertThat(train.userCount()).isEqualTo(all.userCount());
        for (int u = 0; u < all.userCount(); u++) {
            boolean isValidation = java.util.Arrays.binarySearch(validation, u) >= 0;
            assertThat(train.length(u)).as("user %d", u).isEqualTo(all.length(u) - (isValidation ? 2 : 1));
            for (int k = 0; k < train.length(u); k++) {
                assertThat(train.item(train.start(u) + k)).isEqualTo(all.item(all.start(u) + k));
                assertThat(train.timestamp(train.start(u) + k)).isEqualTo(all.timestamp(all.start(u) + k));
            }
            assertThat(e.trainingPeriod().end(all, u)).isEqualTo(all.start(u) + train.length(u));
        }
    }

    @Test
    void choosesValidationUsersWithThreeOrMoreItemsBySeed() throws IOException {
        Dataset data = sequences(100, 12, 40);
        int[] a = NextItemExperiment.prepare(data, spec(), NextItemOptions.defaults(3)).validationUsers();
        int[] b = NextItemExperiment.prepare(data, spec(), NextItemOptions.defaults(3)).validationUsers();
        int[] c = NextItemExperiment.prepare(data, spec(), NextItemOptions.defaults(4)).validationUsers();
        assertThat(a).isEqualTo(b).isNotEqualTo(c);
        Timelines t = data.timelines();
        for (int u : a) {
            assertThat(t.length(u)).isGreaterThanOrEqualTo(3);
        }
    }

    @Test
    void popularityCountsNoTestItem() throws IOException {
        // Item 9 appears only as the users' last item: popularity must not know it.
        String s = "1 1 2 9\n2 1 3 9\n3 2 3 9\n4 1 2 3\n5 3 1 2\n6 2 1 3\n7 1 3 2\n8 2 3 1\n9 3 2 1\n10 1 2 3\n";
        Dataset data = SequenceFile.read(Files.writeString(dir.resolve("s.txt"), s));
        NextItemExperiment e = NextItemExperiment.prepare(data, spec(), NextItemOptions.defaults(1));
        List<RetrievalMethod> baselines = e.baselines();
        assertThat(baselines).extracting(RetrievalMethod::name).containsExactly("popularity",
                NextItemExperiment.LAST_ITEM_NEIGHBOURS);
        float[] popularity = ((RetrievalMethod.ItemScores) baselines.get(0)).scores();
        int item9 = e.dataset().catalog().index(9).getAsInt();
        assertThat(popularity[item9]).isZero();
    }

    @Test
    void aModelWithoutContentVectorsSeesZeroVectorsWhileLastItemNeighboursKeepCoEngagement() throws IOException {
        Dataset data = sequences(100, 12, 40);
        ModelSpec exact = spec().toBuilder().exactItemIds(java.util.stream.LongStream.range(0, 40).toArray()).build();
        NextItemExperiment with = NextItemExperiment.prepare(data, exact, NextItemOptions.defaults(3));
        NextItemExperiment without = NextItemExperiment.prepare(data, exact,
                NextItemOptions.defaults(3).withModelContentVectors(false));
        assertThat(with.modelCatalog()).isSameAs(with.dataset().catalog());
        ItemCatalog zero = without.modelCatalog();
        assertThat(zero.size()).isEqualTo(40);
        assertThat(zero.vectorSize()).isEqualTo(8);
        for (int i = 0; i < zero.size(); i++) {
            assertThat(zero.itemId(i)).isEqualTo(with.dataset().catalog().itemId(i));
            assertThat(zero.vector(i)).containsOnly(0f);
        }
        // the baseline is the same either way, and it does use real vectors
        var a = ((RetrievalMethod.Embedding) with.baselines().get(1)).items();
        var b = ((RetrievalMethod.Embedding) without.baselines().get(1)).items();
        boolean someNonZero = false;
        for (int i = 0; i < 40; i++) {
            assertThat(b.vector(i)).isEqualTo(a.vector(i));
            for (float x : a.vector(i)) {
                someNonZero |= x != 0f;
            }
        }
        assertThat(someNonZero).isTrue();
        assertThat(without.validationUsers()).isEqualTo(with.validationUsers());
    }

    @Test
    void refusesAModelWithNeitherContentVectorsNorItemIds() throws IOException {
        Dataset data = sequences(100, 12, 40);
        assertThatThrownBy(() -> NextItemExperiment.prepare(data, spec(),
                NextItemOptions.defaults(3).withModelContentVectors(false)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a model without content vectors needs learned item ids (hashed or exact): the model spec"
                        + " has none, so every item would look the same");
    }

    @Test
    void refusesADataSetWithTooFewUsersForValidation() throws IOException {
        Dataset data = SequenceFile.read(Files.writeString(dir.resolve("s.txt"), "1 1 2\n2 2 3\n3 1 2 3\n"));
        assertThatThrownBy(() -> NextItemExperiment.prepare(data, spec(), NextItemOptions.defaults(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("data set s.txt has 1 of 3 users with three or more items: too few for 0.1 validation"
                        + " users with training users left over");
    }
}
