package org.pinnerformer.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pinnerformer.api.InputFormatException;

/**
 * Seeded byte-level corruption of every other reader (movies.csv, tags.csv, sequence files, text and binary
 * item vectors): bytes deleted, inserted, replaced and bit-flipped, lines duplicated, files cut short. The
 * outcome of a random byte change is not predictable, so these tests check the invariants only: a strict read
 * succeeds or throws an {@link InputFormatException}; a lenient read succeeds with rows = accepted + skipped,
 * or fails exactly as the strict read did (a problem with the whole file); nothing else is ever thrown, and
 * every vector read is finite.
 */
class FileReadersFuzzTest {
    private static final long SEED = 7_2026L;
    private static final int CASES = 400;

    @TempDir
    Path dir;

    private static byte[] corrupt(byte[] in, Random r) {
        byte[] b = in;
        int edits = 1 + r.nextInt(4);
        for (int e = 0; e < edits && b.length > 0; e++) {
            int p = r.nextInt(b.length);
            switch (r.nextInt(7)) {
                case 0 -> b[p] ^= (byte) (1 << r.nextInt(8));
                case 1 -> b[p] = (byte) r.nextInt(256);
                case 2 -> { // delete a run of bytes
                    int n = Math.min(b.length - p, 1 + r.nextInt(20));
                    byte[] c = new byte[b.length - n];
                    System.arraycopy(b, 0, c, 0, p);
                    System.arraycopy(b, p + n, c, p, b.length - p - n);
                    b = c;
                }
                case 3 -> { // insert a troublesome token
                    String[] tokens = {",", "\"", "\n", "NaN", "-1e400", " ", "\r\n", "\u00ff", "9999999999999999999",
                        "\t", "-", "1e308", "0x1F"};
                    byte[] t = tokens[r.nextInt(tokens.length)].getBytes(StandardCharsets.UTF_8);
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    out.write(b, 0, p);
                    out.writeBytes(t);
                    out.write(b, p, b.length - p);
                    b = out.toByteArray();
                }
                case 4 -> { // duplicate the line holding p
                    int s = p;
                    while (s > 0 && b[s - 1] != '\n') {
                        s--;
                    }
                    int t = p;
                    while (t < b.length && b[t] != '\n') {
                        t++;
                    }
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    out.write(b, 0, t);
                    out.write('\n');
                    out.write(b, s, t - s);
                    out.write(b, t, b.length - t);
                    b = out.toByteArray();
                }
                case 5 -> b = Arrays.copyOf(b, p);
                default -> b = new byte[0];
            }
            if (r.nextInt(3) == 0) {
                break;
            }
        }
        return b;
    }

    /** A reader under test: reads a path in a mode and returns its report. */
    private interface TextReader {
        ReadReport read(Path file, ReadMode mode);
    }

    private void fuzzText(String name, byte[] valid, TextReader reader, long seed) throws IOException {
        Random r = new Random(seed);
        int strictFailures = 0;
        int lenientSkips = 0;
        for (int c = 0; c < CASES; c++) {
            byte[] content = corrupt(valid.clone(), r);
            Path f = Files.write(dir.resolve(c + "-" + name), content);
            String context = "case " + c + " of " + name + ":\n" + new String(content, StandardCharsets.ISO_8859_1);
            String strictMessage = null;
            try {
                reader.read(f, ReadMode.STRICT);
            } catch (InputFormatException e) {
                strictMessage = e.getMessage();
                strictFailures++;
                assertThat(e.getMessage()).as(context).startsWith(f.toString());
            } catch (RuntimeException | Error e) {
                fail("strict read threw " + e + "; " + context, e);
            }
            try {
                ReadReport rep = reader.read(f, ReadMode.LENIENT);
                assertThat(rep.accepted() + rep.totalSkipped()).as(context).isEqualTo(rep.rows());
                lenientSkips += rep.totalSkipped();
            } catch (InputFormatException e) {
                // A problem with the whole file is reported in both modes; a row problem only in strict mode.
                assertThat(strictMessage).as(context).isNotNull();
                assertThat(e.getMessage()).as(context).startsWith(f.toString());
            } catch (RuntimeException | Error e) {
                fail("lenient read threw " + e + "; " + context, e);
            }
            Files.delete(f);
        }
        assertThat(strictFailures).as("strict failures of " + name).isGreaterThan(CASES / 4);
        assertThat(lenientSkips).as("lenient skips of " + name).isGreaterThan(CASES / 4);
    }

    private static byte[] head(Path file, int lines) throws IOException {
        List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
        return (String.join("\n", all.subList(0, Math.min(lines, all.size()))) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void moviesCsv() throws IOException {
        byte[] valid = head(TestData.latestSmall().resolve("movies.csv"), 60);
        fuzzText("movies.csv", valid, (f, m) -> MovieLens.movies(f, m).report(), SEED);
    }

    @Test
    void tagsCsv() throws IOException {
        byte[] valid = head(TestData.latestSmall().resolve("tags.csv"), 60);
        fuzzText("tags.csv", valid,
                (f, m) -> new ActionLogReader(MovieLens.latestSmallTagsFormat(), m).read(f, new ActionTable()),
                SEED + 1);
    }

    @Test
    void sequenceFile() throws IOException {
        Random r = new Random(SEED + 2);
        StringBuilder sb = new StringBuilder();
        for (int u = 1; u <= 30; u++) {
            sb.append(u);
            for (int k = 0; k < 1 + r.nextInt(8); k++) {
                sb.append(' ').append(1 + r.nextInt(50));
            }
            sb.append('\n');
        }
        fuzzText("seq.txt", sb.toString().getBytes(StandardCharsets.US_ASCII), (f, m) -> SequenceFile.read(f, m)
                .report(), SEED + 3);
    }

    @Test
    void textItemVectors() throws IOException {
        Random r = new Random(SEED + 4);
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i <= 30; i++) {
            sb.append(i * 7);
            for (int k = 0; k < 4; k++) {
                sb.append(r.nextBoolean() ? ' ' : ',').append((float) r.nextGaussian());
            }
            sb.append('\n');
        }
        Function<ReadResult<ItemVectors>, ReadReport> check = res -> {
            ItemVectors v = res.value();
            for (int i = 0; i < v.size(); i++) {
                for (float x : v.vector(i)) {
                    assertThat(Float.isFinite(x)).isTrue();
                }
            }
            return res.report();
        };
        fuzzText("vectors.txt", sb.toString().getBytes(StandardCharsets.US_ASCII),
                (f, m) -> check.apply(ItemVectorFiles.readText(f, m)), SEED + 5);
    }

    @Test
    void binaryItemVectorsFailWithOneSentenceAtEveryCorruption() throws IOException {
        Random r = new Random(SEED + 6);
        int n = 40;
        int d = 6;
        long[] ids = new long[n];
        float[] values = new float[n * d];
        for (int i = 0; i < n; i++) {
            ids[i] = 1000 + 3L * i;
        }
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) r.nextGaussian();
        }
        Path good = dir.resolve("good.bin");
        ItemVectorFiles.writeBinary(ItemVectors.of(ids, values, d), good);
        byte[] valid = Files.readAllBytes(good);
        int failures = 0;
        for (int c = 0; c < 3 * CASES; c++) {
            byte[] b = valid.clone();
            if (c % 3 == 0) {
                b = Arrays.copyOf(b, r.nextInt(b.length));
            } else {
                int p = c % 3 == 1 ? 8 + r.nextInt(12) : r.nextInt(b.length); // header, or anywhere
                b[p] ^= (byte) (1 << r.nextInt(8));
            }
            Path f = Files.write(dir.resolve("c.bin"), b);
            try {
                ItemVectors v = ItemVectorFiles.readBinary(f);
                for (int i = 0; i < v.size(); i++) {
                    for (float x : v.vector(i)) {
                        assertThat(Float.isFinite(x)).isTrue();
                    }
                }
            } catch (InputFormatException e) {
                failures++;
                assertThat(e.getMessage()).startsWith(f.toString());
            } catch (RuntimeException | Error e) {
                fail("case " + c + ": readBinary threw " + e, e);
            }
        }
        assertThat(failures).isGreaterThan(2 * CASES);
    }

    @Test
    void binaryHeaderClaimingMoreItemsThanTheFileHoldsIsRefusedBeforeAllocating() throws IOException {
        Path good = dir.resolve("v.bin");
        ItemVectorFiles.writeBinary(ItemVectors.of(new long[] {1}, new float[] {0.5f}, 1), good);
        byte[] b = Files.readAllBytes(good);
        b[12] = 0x10; // the int64 count N at offset 12, little-endian: 16 ...
        b[19] = 0x40; // ... plus 2^62
        Files.write(good, b);
        assertThatThrownBy(() -> ItemVectorFiles.readBinary(good)).isInstanceOf(InputFormatException.class)
                .hasMessageStartingWith(good + ": has an invalid header: dimension 1, ");
        b[19] = 0;
        b[15] = 0x40; // 16 + 2^30 items of one value: 12 GiB if allocated; the file holds 32 bytes
        Files.write(good, b);
        assertThatThrownBy(() -> ItemVectorFiles.readBinary(good)).isInstanceOf(InputFormatException.class)
                .hasMessage(good + ": ends after 1 of 1073741840 items");
    }

    @Test
    void textVectorsWithAHugeFirstLineAreReadWithoutAllocatingPerItemCapacity() throws IOException {
        StringBuilder sb = new StringBuilder("1");
        for (int k = 0; k < 3_000_000; k++) {
            sb.append(" 1");
        }
        sb.append('\n');
        Path f = Files.writeString(dir.resolve("wide.txt"), sb);
        ItemVectors v = ItemVectorFiles.readText(f, ReadMode.STRICT).value();
        assertThat(v.dimension()).isEqualTo(3_000_000);
        assertThat(v.size()).isEqualTo(1);
    }
}
