package org.pinnerformer.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pinnerformer.api.InputFormatException;

class ItemVectorFilesTest {
    @TempDir
    Path dir;

    private static final ItemVectors VECTORS = ItemVectors.of(new long[] {5, 9, -2},
            new float[] {0.1f, -2.5f, 3e-8f, 1f, 0f, -0f, Float.MAX_VALUE, Float.MIN_VALUE, 7f}, 3);

    private static void assertSame(ItemVectors a, ItemVectors b) {
        assertThat(b.size()).isEqualTo(a.size());
        assertThat(b.dimension()).isEqualTo(a.dimension());
        for (int i = 0; i < a.size(); i++) {
            assertThat(b.itemId(i)).isEqualTo(a.itemId(i));
            assertThat(b.vector(i)).containsExactly(a.vector(i));
        }
    }

    @Test
    void roundTripsTextExactly() {
        Path f = dir.resolve("v.txt");
        ItemVectorFiles.writeText(VECTORS, f);
        ReadResult<ItemVectors> r = ItemVectorFiles.readText(f, ReadMode.STRICT);
        assertSame(VECTORS, r.value());
        assertThat(r.report().accepted()).isEqualTo(3);
    }

    @Test
    void roundTripsBinaryExactly() {
        Path f = dir.resolve("v.bin");
        ItemVectorFiles.writeBinary(VECTORS, f);
        assertSame(VECTORS, ItemVectorFiles.readBinary(f));
    }

    @Test
    void readsCommaOrWhitespaceSeparatedText() throws IOException {
        Path f = Files.writeString(dir.resolve("v.csv"), "1,0.5,1.5\r\n\n2 \t 2.5, 3.5\n");
        ItemVectors v = ItemVectorFiles.readText(f, 2, ReadMode.STRICT).value();
        assertThat(v.vector(v.index(2).orElseThrow())).containsExactly(2.5f, 3.5f);
    }

    @Test
    void namesTheLineOfAVectorOfTheWrongLength() throws IOException {
        Path f = Files.writeString(dir.resolve("v.txt"), "1 0.5 1.5\n2 0.5\n");
        assertThatThrownBy(() -> ItemVectorFiles.readText(f, ReadMode.STRICT)).isInstanceOf(InputFormatException.class)
                .hasMessage(f + ", line 2: expected 2 values after the item id, found 1");
        assertThatThrownBy(() -> ItemVectorFiles.readText(f, 3, ReadMode.STRICT))
                .hasMessage(f + ", line 1: expected 3 values after the item id, found 2");
    }

    @Test
    void namesTheValueThatIsNaN() throws IOException {
        Path f = Files.writeString(dir.resolve("v.txt"), "1 0.5 1.5\n2 0.5 NaN\n3 1e39 0\n");
        assertThatThrownBy(() -> ItemVectorFiles.readText(f, ReadMode.STRICT))
                .hasMessage(f + ", line 2, field 'vector[1]': is not finite: 'NaN'");
        ReadResult<ItemVectors> lenient = ItemVectorFiles.readText(f, ReadMode.LENIENT);
        assertThat(lenient.value().size()).isEqualTo(1);
        assertThat(lenient.report().skipped(SkipReason.NOT_FINITE)).isEqualTo(2);
        assertThat(lenient.report().examples(SkipReason.NOT_FINITE)).containsExactly(
                f + ", line 2, field 'vector[1]': is not finite: 'NaN'",
                f + ", line 3, field 'vector[0]': is too large for a float: '1e39'");
    }

    @Test
    void rejectsARepeatedItem() throws IOException {
        Path f = Files.writeString(dir.resolve("v.txt"), "1 0.5\n2 0.5\n1 0.25\n");
        assertThatThrownBy(() -> ItemVectorFiles.readText(f, ReadMode.STRICT))
                .hasMessage(f + ", line 3, field 'item': item 1 appears again; its first vector is on line 1");
    }

    @Test
    void rejectsEmptyAndAllBadFiles() throws IOException {
        Path empty = Files.writeString(dir.resolve("e.txt"), "\n");
        assertThatThrownBy(() -> ItemVectorFiles.readText(empty, ReadMode.LENIENT))
                .hasMessage(empty + ": the file is empty");
        Path bad = Files.writeString(dir.resolve("b.txt"), "x 1\n");
        assertThatThrownBy(() -> ItemVectorFiles.readText(bad, ReadMode.LENIENT)).hasMessage(bad
                + ": no line holds a valid vector; see the first problems: [" + bad
                + ", line 1, field 'item': is not an integer: 'x']");
    }

    @Test
    void rejectsABinaryFileThatIsCutShortOrNotAVectorFile() throws IOException {
        Path f = dir.resolve("v.bin");
        ItemVectorFiles.writeBinary(VECTORS, f);
        byte[] all = Files.readAllBytes(f);
        Path cut = Files.write(dir.resolve("cut.bin"), Arrays.copyOf(all, all.length - 1));
        assertThatThrownBy(() -> ItemVectorFiles.readBinary(cut)).isInstanceOf(InputFormatException.class)
                .hasMessage(cut + ": ends after 2 of 3 items");
        Path longer = Files.write(dir.resolve("long.bin"), Arrays.copyOf(all, all.length + 1));
        assertThatThrownBy(() -> ItemVectorFiles.readBinary(longer)).hasMessage(longer + ": has bytes after its 3 items");
        Path text = Files.writeString(dir.resolve("t.bin"), "1 2 3\n");
        assertThatThrownBy(() -> ItemVectorFiles.readBinary(text))
                .hasMessage(text + ": is not a binary item vector file: it does not start with PFVECv01");
        byte[] nan = all.clone();
        ByteBuffer.wrap(nan).order(ByteOrder.LITTLE_ENDIAN).putFloat(20 + 8 + 4, Float.NaN);
        Path withNaN = Files.write(dir.resolve("nan.bin"), nan);
        assertThatThrownBy(() -> ItemVectorFiles.readBinary(withNaN))
                .hasMessage(withNaN + ", field 'vector[1]': item 5 has a non-finite value NaN");
    }

    @Test
    void appliesVectorsToACatalogueByItemId() {
        ItemCatalog.Builder b = ItemCatalog.builder(1);
        int cat = b.category("Drama");
        b.add(9, new float[1], "Nine", cat).add(4, new float[1], null);
        ItemCatalog c = VECTORS.applyTo(b.build());
        assertThat(c.vector(0)).containsExactly(1f, 0f, -0f);
        assertThat(c.vector(1)).containsExactly(0f, 0f, 0f);
        assertThat(c.title(0)).contains("Nine");
        assertThat(c.categories(0)).containsExactly(cat);
        assertThat(VECTORS.missingFrom(b.build())).isEqualTo(1);
        assertThat(VECTORS.toCatalog().size()).isEqualTo(3);
    }
}
