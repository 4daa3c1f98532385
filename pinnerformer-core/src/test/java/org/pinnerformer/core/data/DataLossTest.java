package org.pinnerformer.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pinnerformer.api.InputFormatException;
import org.pinnerformer.api.PinnerFormerException;
import org.pinnerformer.core.data.TimelinesBuilder.DropReason;

/** Input never disappears silently: optional tags, header-only ratings, and a read that lost too much. */
class DataLossTest {
    @TempDir
    Path dir;

    private void movies() throws Exception {
        Files.writeString(dir.resolve("movies.csv"), "movieId,title,genres\n1,A (2000),Drama\n2,B (2001),Comedy\n");
    }

    @Test
    void aMovieLensFolderWithoutTagsCsvReadsWithoutTagActions() throws Exception {
        movies();
        Files.writeString(dir.resolve("ratings.csv"), "userId,movieId,rating,timestamp\n1,1,4.0,100\n1,2,2.0,200\n");
        Dataset d = MovieLens.latestSmall(dir);
        assertThat(d.timelines().actionCount()).isEqualTo(2);
        assertThat(d.report().sources()).containsExactly(dir.resolve("movies.csv").toString(),
                dir.resolve("ratings.csv").toString());
    }

    @Test
    void ratingsWithOnlyAHeaderAreRefusedStrictlyAndCountedLeniently() throws Exception {
        movies();
        Files.writeString(dir.resolve("ratings.csv"), "userId,movieId,rating,timestamp\n");
        assertThatThrownBy(() -> MovieLens.latestSmall(dir)).isInstanceOf(InputFormatException.class)
                .hasMessage(dir.resolve("ratings.csv") + ": the file has no ratings after its header (read it in "
                        + "lenient mode to accept that)");
        Dataset d = MovieLens.latestSmall(dir, ReadMode.LENIENT);
        assertThat(d.timelines().actionCount()).isZero();
    }

    @Test
    void aReadThatLostMoreThanTheAllowedShareIsRefusedWithTheCounts() throws Exception {
        movies();
        Files.writeString(dir.resolve("ratings.csv"), "userId,movieId,rating,timestamp\n1,1,4.0,100\n1,7,2.0,200\n"
                + "1,8,2.0,300\n1,1,4.0,100\n");
        Dataset d = MovieLens.latestSmall(dir);
        ReadReport r = d.report();
        assertThat(r.rows()).isEqualTo(6);
        assertThat(r.dropped(DropReason.UNKNOWN_ITEM)).isEqualTo(2);
        assertThat(r.dropped(DropReason.DUPLICATE)).isEqualTo(1);
        assertThat(r.lostShare()).isEqualTo(0.5);
        r.requireLostAtMost(0.5);
        assertThatThrownBy(() -> r.requireLostAtMost(0.1)).isInstanceOf(PinnerFormerException.class)
                .hasMessage(dir.resolve("movies.csv") + ", " + dir.resolve("ratings.csv") + ": 3 of 6 rows (50.0%) "
                        + "were skipped or dropped, more than the 10.0% allowed: 6 rows, 6 accepted, 2 dropped "
                        + "(unknown_item), 1 dropped (duplicate); do the files belong together?");
        assertThatThrownBy(() -> r.requireLostAtMost(1.5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxShare must be in [0, 1], was 1.5");
    }
}
