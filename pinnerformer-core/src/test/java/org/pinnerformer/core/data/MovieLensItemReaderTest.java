package org.pinnerformer.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pinnerformer.api.InputFormatException;

class MovieLensItemReaderTest {
    @TempDir
    Path dir;

    @Test
    void lenientModeCountsBadMoviesAndKeepsTheGoodOnes() throws IOException {
        byte[] content = ("movieId,title,genres\r\n"
                + "1,Toy Story (1995),Adventure|Animation\r\n"
                + "2,\"Caf\u00e9, The\",Drama\r\n"               // invalid UTF-8 (written as ISO-8859-1)
                + "1,Toy Story again,Comedy\r\n"                 // repeated id
                + "3,\"American President, The (1995)\",Comedy|Drama|Romance\r\n"
                + "4,La cravate (1957),(no genres listed)\r\n"
                + "5,Broken,Drama||Comedy\r\n"                   // empty genre
                + "six,Six,Drama\r\n").getBytes(StandardCharsets.ISO_8859_1);
        Path f = Files.write(dir.resolve("movies.csv"), content);
        ReadResult<ItemCatalog> r = MovieLens.movies(f, ReadMode.LENIENT);
        ItemCatalog c = r.value();
        assertThat(c.size()).isEqualTo(3);
        assertThat(c.title(c.index(3).orElseThrow())).contains("American President, The (1995)");
        assertThat(c.categories(c.index(4).orElseThrow())).isEmpty();
        assertThat(c.categoryNames()).containsExactly("Adventure", "Animation", "Comedy", "Drama", "Romance");
        assertThat(r.report().skipped(SkipReason.INVALID_TEXT)).isEqualTo(1);
        assertThat(r.report().skipped(SkipReason.DUPLICATE_KEY)).isEqualTo(1);
        assertThat(r.report().skipped(SkipReason.EMPTY_FIELD)).isEqualTo(1);
        assertThat(r.report().skipped(SkipReason.NOT_A_NUMBER)).isEqualTo(1);
        // examples come in reason order (SkipReason), then file order
        assertThat(r.report().examples()).containsExactly(
                f + ", line 7, field 'genres': has an empty genre: 'Drama||Comedy'",
                f + ", line 8, field 'movieId': is not an integer: 'six'",
                f + ", line 3, field 'title': is not valid UTF-8: 'Caf\uFFFD, The'",
                f + ", line 4, field 'movieId': item 1 appears again; first on line 2");
    }

    @Test
    void rejectsAnUnexpectedHeader() throws IOException {
        Path f = Files.writeString(dir.resolve("movies.csv"), "id,name\n1,x\n");
        assertThatThrownBy(() -> MovieLens.movies(f, ReadMode.LENIENT)).isInstanceOf(InputFormatException.class)
                .hasMessage(f + ", line 1: expected the header [movieId, title, genres], found [id, name]");
    }

    @Test
    void readsUItemInIso88591WithGenreFlags() throws IOException {
        Files.writeString(dir.resolve("u.genre"), "unknown|0\nAction|1\nDrama|2\n\n");
        Files.write(dir.resolve("u.item"), ("1|Mis\u00e9rables, Les (1995)|01-Jan-1995||http://x|0|1|1\n"
                + "2|Bad|01-Jan-1995||http://x|0|2|0\n").getBytes(StandardCharsets.ISO_8859_1));
        ReadResult<ItemCatalog> r = MovieLens.ml100kItems(dir, ReadMode.LENIENT);
        ItemCatalog c = r.value();
        assertThat(c.size()).isEqualTo(1);
        assertThat(c.title(0)).contains("Mis\u00e9rables, Les (1995)");
        assertThat(c.categories(0)).containsExactly(1, 2);
        assertThat(r.report().examples()).containsExactly(
                dir.resolve("u.item") + ", line 2, field 'Action': must be 0 or 1, was '2'");
    }

    @Test
    void rejectsGenresOutOfOrder() throws IOException {
        Files.writeString(dir.resolve("u.genre"), "unknown|0\nAction|2\n");
        Files.writeString(dir.resolve("u.item"), "1|x|||u|0|1\n");
        assertThatThrownBy(() -> MovieLens.ml100kItems(dir, ReadMode.LENIENT))
                .isInstanceOf(InputFormatException.class).hasMessage(dir.resolve("u.genre")
                        + ", line 2, field 'index': must be 1 (genres are numbered 0, 1, 2, ... in order), was 2");
    }
}
