package org.pinnerformer.core.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.pinnerformer.core.data.TimelinesBuilder.DropReason;

class MovieLensTest {

    /** (user, movie, timestamp, type) of every row of a MovieLens CSV, parsed independently with split(). */
    private static List<String[]> rows(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        return lines.subList(1, lines.size()).stream().map(l -> l.split(",")).toList();
    }

    @Test
    void loadsTheBundledLatestSmallWithItsPublishedCounts() {
        Dataset ml = MovieLens.latestSmall(TestData.latestSmall());
        ReadReport r = ml.report();
        assertThat(r.accepted()).isEqualTo(9_742 + 100_836 + 3_683);
        assertThat(r.totalSkipped()).isZero();
        assertThat(ml.catalog().size()).isEqualTo(9_742);
        assertThat(ml.timelines().userCount()).isEqualTo(610);
        Set<Integer> rated = new HashSet<>();
        for (int i = 0; i < ml.timelines().actionCount(); i++) {
            if (ml.timelines().actionType(i) != 2) {
                rated.add(ml.timelines().item(i));
            }
        }
        assertThat(rated).hasSize(9_724);
        assertThat(ml.hasContentVectors()).isFalse();
        assertThat(ml.positiveActionTypes()).containsExactly(MovieLens.RATE_HIGH, MovieLens.TAG);
    }

    @Test
    void keepsEveryRatingAndRemovesOnlyExactDuplicateTags() throws IOException {
        Path dir = TestData.latestSmall();
        List<String[]> ratings = rows(dir.resolve("ratings.csv"));
        long high = ratings.stream().filter(f -> Double.parseDouble(f[2]) >= 4).count();
        // tags.csv has quoted tags with commas: the user, movie and timestamp are the first two and last fields.
        Set<String> distinctTags = new HashSet<>();
        for (String[] f : rows(dir.resolve("tags.csv"))) {
            distinctTags.add(f[0] + "," + f[1] + "," + f[f.length - 1]);
        }
        Dataset ml = MovieLens.latestSmall(dir);
        Timelines t = ml.timelines();
        long[] byType = new long[3];
        for (int i = 0; i < t.actionCount(); i++) {
            byType[t.actionType(i)]++;
        }
        assertThat(byType).containsExactly(high, ratings.size() - high, distinctTags.size());
        assertThat(ml.report().dropped(DropReason.DUPLICATE)).isEqualTo(3_683 - distinctTags.size()).isPositive();
        assertThat(ml.report().dropped(DropReason.UNKNOWN_ITEM)).isZero();
    }

    @Test
    void sortsEveryTimelineByTimeWithoutExactDuplicates() {
        Timelines t = MovieLens.latestSmall(TestData.latestSmall()).timelines();
        for (int u = 0; u < t.userCount(); u++) {
            if (u > 0) {
                assertThat(t.userId(u)).isGreaterThan(t.userId(u - 1));
            }
            for (int i = t.start(u) + 1; i < t.end(u); i++) {
                assertThat(t.timestamp(i)).isGreaterThanOrEqualTo(t.timestamp(i - 1));
                for (int j = i - 1; j >= t.start(u) && t.timestamp(j) == t.timestamp(i); j--) {
                    assertThat(t.item(j) == t.item(i) && t.actionType(j) == t.actionType(i)).isFalse();
                }
            }
        }
    }

    @Test
    void readsQuotedTitlesWithCommasAndGenresAsCategories() {
        ItemCatalog c = MovieLens.movies(TestData.latestSmall().resolve("movies.csv"), ReadMode.STRICT).value();
        int i = c.index(11).orElseThrow();
        assertThat(c.title(i)).contains("American President, The (1995)");
        assertThat(Arrays.stream(c.categories(i)).mapToObj(g -> c.categoryNames().get(g)))
                .containsExactly("Comedy", "Drama", "Romance");
        assertThat(c.title(c.index(7789).orElseThrow())).contains("11'09\"01 - September 11 (2002)");
        assertThat(c.categoryNames()).hasSize(19).doesNotContain(MovieLensItemReader.NO_GENRES);
        int noGenre = c.index(114335).orElseThrow(); // "La cravate (1957)", (no genres listed)
        assertThat(c.categories(noGenre)).isEmpty();
        assertThat(c.title(c.index(1).orElseThrow())).contains("Toy Story (1995)");
    }

    @Test
    void loadsMl100kFromTheSharedFolder() {
        Dataset ml = MovieLens.ml100k(TestData.shared("ml-100k"));
        assertThat(ml.report().accepted()).isEqualTo(1_682 + 100_000);
        assertThat(ml.report().totalSkipped()).isZero();
        assertThat(ml.timelines().actionCount()).isEqualTo(100_000);
        assertThat(ml.timelines().userCount()).isEqualTo(943);
        assertThat(ml.catalog().size()).isEqualTo(1_682);
        ItemCatalog c = ml.catalog();
        int toyStory = c.index(1).orElseThrow();
        assertThat(c.title(toyStory)).contains("Toy Story (1995)");
        assertThat(Arrays.stream(c.categories(toyStory)).mapToObj(g -> c.categoryNames().get(g)))
                .containsExactly("Animation", "Children's", "Comedy");
        assertThat(c.title(c.index(543).orElseThrow())).contains("Mis\u00e9rables, Les (1995)");
    }
}
