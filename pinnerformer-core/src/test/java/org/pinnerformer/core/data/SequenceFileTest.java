package org.pinnerformer.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pinnerformer.api.InputFormatException;

class SequenceFileTest {
    @TempDir
    Path dir;

    @Test
    void synthesisesOneDayPerPositionFromAFixedEpoch() throws IOException {
        Path f = Files.writeString(dir.resolve("seq.txt"), "7 30 10 20\n\n3\t10   40\n");
        Dataset d = SequenceFile.read(f);
        Timelines t = d.timelines();
        assertThat(t.userCount()).isEqualTo(2);
        assertThat(t.userId(0)).isEqualTo(3);
        assertThat(t.userId(1)).isEqualTo(7);
        ItemCatalog c = d.catalog();
        assertThat(c.size()).isEqualTo(4);
        int u7 = 1;
        assertThat(c.itemId(t.item(t.start(u7)))).isEqualTo(30);
        assertThat(c.itemId(t.item(t.start(u7) + 1))).isEqualTo(10);
        assertThat(c.itemId(t.item(t.start(u7) + 2))).isEqualTo(20);
        for (int k = 0; k < 3; k++) {
            assertThat(t.timestamp(t.start(u7) + k)).isEqualTo(1_577_836_800.0 + k * 86_400.0);
        }
        assertThat(t.isPositive(t.start(u7))).isTrue();
        assertThat(d.report().rows()).isEqualTo(2);
        assertThat(d.report().blankLines()).isEqualTo(1);
    }

    @Test
    void rejectsAUserOnTwoLinesAndCountsItWhenLenient() throws IOException {
        Path f = Files.writeString(dir.resolve("seq.txt"), "1 5 6\n2 5\n1 7\n3 x\n");
        assertThatThrownBy(() -> SequenceFile.read(f)).isInstanceOf(InputFormatException.class)
                .hasMessage(f + ", line 3, field 'user': user 1 appears again; its sequence starts on line 1");
        Dataset d = SequenceFile.read(f, ReadMode.LENIENT);
        assertThat(d.report().skipped(SkipReason.DUPLICATE_KEY)).isEqualTo(1);
        assertThat(d.report().skipped(SkipReason.NOT_A_NUMBER)).isEqualTo(1);
        assertThat(d.report().examples(SkipReason.NOT_A_NUMBER))
                .containsExactly(f + ", line 4, field 'item 1': is not an integer: 'x'");
        assertThat(d.timelines().actionCount()).isEqualTo(3);
    }

    @Test
    void rejectsAnEmptyFile() throws IOException {
        Path f = Files.writeString(dir.resolve("seq.txt"), "");
        assertThatThrownBy(() -> SequenceFile.read(f, ReadMode.LENIENT)).isInstanceOf(InputFormatException.class)
                .hasMessage(f + ": the file is empty");
    }
}
