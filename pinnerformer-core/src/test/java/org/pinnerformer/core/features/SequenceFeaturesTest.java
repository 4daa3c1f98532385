package org.pinnerformer.core.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pinnerformer.api.Action;
import org.pinnerformer.api.InferenceBatch;
import org.pinnerformer.api.ModelSpec;
import org.pinnerformer.api.SequenceBatch;
import org.pinnerformer.core.data.ItemCatalog;
import org.pinnerformer.core.data.Timelines;

class SequenceFeaturesTest {
    private final ItemCatalog catalog = Fixtures.catalog();
    private final Timelines timelines = Fixtures.timelines(catalog,
            new Action(7, 3, 1000, "view", "home", 4),
            new Action(7, 5, 1060, "save", "search", 0),
            new Action(7, 2, 1300, "view", "search", 9),
            new Action(9, 1, 500, "save", "home", 1));
    private final ModelSpec spec = ModelSpec.smallPreset().toBuilder().itemVectorSize(2).maxSequenceLength(4)
            .absolutePeriodsSeconds(3600).relativePeriodsSeconds(60, 600).build();

    private static float[] all(FloatBuffer b) {
        float[] a = new float[b.remaining()];
        b.get(a);
        return a;
    }

    private static int[] all(IntBuffer b) {
        int[] a = new int[b.remaining()];
        b.get(a);
        return a;
    }

    @Test
    void padsOnTheLeftWithTheNewestActionLast() {
        SequenceFeatures f = new SequenceFeatures(spec, timelines, catalog);
        SequenceBatch batch = f.build(List.of(new SequenceWindow(0, 0, 3), new SequenceWindow(1, 3, 4)));
        assertThat(batch.length()).isEqualTo(4);
        assertThat(all(batch.validMask())).containsExactly(0, 1, 1, 1, 0, 0, 0, 1);
        assertThat(all(batch.itemVectors())).containsExactly(0, 0, 3, -3, 5, -5, 2, -2, 0, 0, 0, 0, 0, 0, 1, -1);
        assertThat(all(batch.actionTypes())).containsExactly(0, 1, 2, 1, 0, 0, 0, 2);
        assertThat(all(batch.surfaces())).containsExactly(0, 1, 2, 2, 0, 0, 0, 1);
        assertThat(all(batch.itemBuckets())).containsOnly(0);
        float[] duration = all(batch.durationLog1p());
        assertThat(duration[1]).isEqualTo((float) Math.log1p(4));
        assertThat(duration[3]).isEqualTo((float) Math.log1p(9));
        assertThat(duration[0]).isZero();
        assertThat(batch.validLength(0)).isEqualTo(3);
        assertThat(batch.validLength(1)).isEqualTo(1);
    }

    @Test
    void timeValuesAreMeasuredFromTheNewestActionAndThePreviousActionOfTheWindow() {
        SequenceFeatures f = new SequenceFeatures(spec, timelines, catalog);
        SequenceBatch batch = f.build(List.of(new SequenceWindow(0, 1, 3)));
        float[] logs = all(batch.timeLog1p());
        // positions 2 (t=1060) and 3 (t=1300): since newest 240 and 0, gaps 0 (first of the window) and 240
        assertThat(logs[2 * 3]).isEqualTo((float) Math.log1p(1060));
        assertThat(logs[2 * 3 + 1]).isEqualTo((float) Math.log1p(240));
        assertThat(logs[2 * 3 + 2]).isZero();
        assertThat(logs[3 * 3 + 1]).isZero();
        assertThat(logs[3 * 3 + 2]).isEqualTo((float) Math.log1p(240));
        float[] angles = all(batch.timeAngles());
        int a = spec.timeAngleCount();
        assertThat(a).isEqualTo(5);
        // position 2: absolute 1060 mod 3600, since-newest 240 mod 60 = 0 and 240 mod 600, gap 0
        assertThat(angles[2 * a]).isCloseTo((float) (2 * Math.PI * 1060 / 3600), within(1e-6f));
        assertThat(angles[2 * a + 1]).isZero();
        assertThat(angles[2 * a + 2]).isCloseTo((float) (2 * Math.PI * 240 / 600), within(1e-6f));
        assertThat(angles[2 * a + 3]).isZero();
        assertThat(angles[2 * a + 4]).isZero();
        // padded positions are all zero
        for (int k = 0; k < 2 * a; k++) {
            assertThat(angles[k]).isZero();
        }
    }

    @Test
    void itemBucketsAreAStableHashOfTheItemIdWhenOn() {
        ModelSpec withBuckets = spec.toBuilder().itemIdHashBuckets(7).build();
        SequenceBatch batch = new SequenceFeatures(withBuckets, timelines, catalog)
                .build(List.of(new SequenceWindow(0, 0, 3)));
        int[] buckets = all(batch.itemBuckets());
        assertThat(buckets[1]).isEqualTo(ItemBuckets.bucket(3, 7));
        assertThat(buckets[3]).isEqualTo(ItemBuckets.bucket(2, 7));
        assertThat(ItemBuckets.bucket(3, 7)).isEqualTo((int) Math.floorMod(ItemBuckets.splitmix64(3), 7L));
        assertThat(ItemBuckets.bucket(3, 0)).isZero();
        assertThatThrownBy(() -> ItemBuckets.bucket(3, -1)).hasMessage("buckets must be >= 0, was -1");
    }

    @Test
    void aWindowIsTheLastMActionsBeforeItsEnd() {
        assertThat(SequenceWindow.last(timelines, 0, 3, 2)).isEqualTo(new SequenceWindow(0, 1, 3));
        assertThat(SequenceWindow.last(timelines, 0, 2, 64)).isEqualTo(new SequenceWindow(0, 0, 2));
        assertThatThrownBy(() -> SequenceWindow.last(timelines, 0, 0, 2))
                .hasMessage("end must lie in (0, 3] for user 7, was 0");
        assertThatThrownBy(() -> new SequenceFeatures(spec, timelines, catalog).build(List.of(
                new SequenceWindow(0, 0, 4)))).hasMessageContaining("window 0 (user 0, actions 0..4)");
    }

    @Test
    void inferenceAtATimeCutSeesOnlyActionsAtOrBeforeTheCut() {
        SequenceFeatures f = new SequenceFeatures(spec, timelines, catalog);
        InferenceBatch latest = InferenceBatches.latest(f, new int[] {0, 1});
        assertThat(latest.userIds()).containsExactly(7, 9);
        assertThat(latest.sequences().validLength(0)).isEqualTo(3);
        InferenceBatch cut = InferenceBatches.at(f, new int[] {0}, 1060);
        assertThat(cut.sequences().validLength(0)).isEqualTo(2);
        assertThat(all(cut.sequences().itemVectors())).endsWith(3, -3, 5, -5);
        assertThatThrownBy(() -> InferenceBatches.at(f, new int[] {0, 1}, 800))
                .hasMessage("user 7 has no action at or before 800.0");
        assertThat(InferenceBatches.usersActiveBy(timelines, 800)).containsExactly(1);
        assertThat(InferenceBatches.batches(f, new int[] {0, 1}, Double.POSITIVE_INFINITY, 1)).hasSize(2);
    }

    @Test
    void rejectsACatalogueWhoseVectorSizeDiffersFromTheSpec() {
        assertThatThrownBy(() -> new SequenceFeatures(ModelSpec.smallPreset(), timelines, catalog))
                .hasMessage("the catalogue's vectors have 2 values but the spec's itemVectorSize is 64");
    }
}
