package org.pinnerformer.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.pinnerformer.core.data.Timelines;

class SyntheticActivityTest {
    private final SyntheticConfig config = SyntheticConfig.of(300, 2000, 5);

    private static long fingerprint(SyntheticActivity activity) {
        long[] h = {17};
        activity.generate((user, item, time, type, surface, duration) -> h[0] = 31 * (31 * (31 * (31 * h[0] + user)
                + item) + Double.doubleToLongBits(time)) + type * 7L + surface + Float.floatToIntBits(duration));
        return h[0];
    }

    @Test
    void equalConfigurationsGenerateIdenticalActivityAndOtherSeedsDiffer() {
        assertThat(fingerprint(new SyntheticActivity(config))).isEqualTo(fingerprint(new SyntheticActivity(config)));
        SyntheticConfig other = new SyntheticConfig(300, 2000, 50, 3, 0.85, 1.0, 8, 8, 45, 1_767_225_600, 90, 64, 6);
        assertThat(fingerprint(new SyntheticActivity(other))).isNotEqualTo(fingerprint(new SyntheticActivity(config)));
    }

    @Test
    void positiveEngagementsConcentrateOnEachUsersInterestClusters() {
        SyntheticActivity activity = new SyntheticActivity(config);
        Timelines t = activity.timelines();
        assertThat(t.userCount()).isEqualTo(300);
        long onInterest = 0;
        long positives = 0;
        for (int u = 0; u < t.userCount(); u++) {
            int[] interests = activity.interests((int) t.userId(u) - 1);
            for (int i = t.start(u); i < t.end(u); i++) {
                if (i > t.start(u)) {
                    assertThat(t.timestamp(i)).isGreaterThanOrEqualTo(t.timestamp(i - 1));
                }
                if (t.isPositive(i)) {
                    positives++;
                    if (Arrays.binarySearch(interests, activity.clusterOf(t.item(i))) >= 0) {
                        onInterest++;
                    }
                }
            }
        }
        // 3 of 50 clusters are a user's interests (6% by chance), yet most positives land on them
        assertThat((double) onInterest / positives).isGreaterThan(0.85);
        assertThat(t.actionCount()).isBetween(300 * 30, 300 * 110);
    }

    @Test
    void popularityWithinAClusterIsZipf() {
        SyntheticActivity activity = new SyntheticActivity(config);
        int[] counts = new int[config.items()];
        activity.generate((user, item, time, type, surface, duration) -> counts[item]++);
        long top = 0;
        long tenth = 0;
        for (int c = 0; c < config.clusters(); c++) {
            top += counts[c];
            tenth += counts[9 * config.clusters() + c];
        }
        // weights 1 and 1/10 for ranks 0 and 9
        assertThat((double) top / tenth).isBetween(6.0, 15.0);
        assertThat(activity.catalog().size()).isEqualTo(2000);
        assertThat(activity.catalog().categories(7)).containsExactly(activity.clusterOf(7));
    }

    @Test
    void everyActionTypeAndSurfaceOccursAndSessionsAreBursty() {
        SyntheticActivity activity = new SyntheticActivity(config.withUsers(50));
        long[] types = new long[4];
        long[] surfaces = new long[4];
        long[] shortGaps = new long[2];
        double[] last = {Double.NaN};
        long[] lastUser = {-1};
        activity.generate((user, item, time, type, surface, duration) -> {
            types[type]++;
            surfaces[surface]++;
            if (user == lastUser[0]) {
                shortGaps[time - last[0] < 600 ? 0 : 1]++;
            }
            last[0] = time;
            lastUser[0] = user;
            assertThat(duration).isGreaterThanOrEqualTo(0f);
        });
        assertThat(types).doesNotContain(0L);
        assertThat(surfaces).doesNotContain(0L);
        assertThat(shortGaps[0]).isGreaterThan(4 * shortGaps[1]);
    }

    @Test
    void rejectsAnInvalidConfiguration() {
        assertThatThrownBy(() -> new SyntheticConfig(1, 2, 5, 1, 0.5, 1, 1, 1, 1, 0, 1, 8, 1))
                .hasMessage("items must be >= clusters (5), was 2");
        assertThatThrownBy(() -> SyntheticConfig.of(0, 10, 1)).hasMessage("users must be > 0, was 0");
    }
}
