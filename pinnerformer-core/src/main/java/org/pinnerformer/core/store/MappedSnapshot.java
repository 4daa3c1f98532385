package org.pinnerformer.core.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.zip.CRC32C;

/** A verified, memory-mapped snapshot file; see {@link SnapshotFormat}. Thread-safe (read-only). */
final class MappedSnapshot implements IndexedSnapshot {
    private final Path file;
    private final LocalDate date;
    private final String modelId;
    private final int dimension;
    private final long count;
    private final VectorEncoding encoding;
    private final Regions ids;
    private final Regions vectors;

    private MappedSnapshot(Path file, LocalDate date, String modelId, int dimension, long count,
            VectorEncoding encoding, Regions ids, Regions vectors) {
        this.file = file;
        this.date = date;
        this.modelId = modelId;
        this.dimension = dimension;
        this.count = count;
        this.encoding = encoding;
        this.ids = ids;
        this.vectors = vectors;
    }

    /**
     * Maps and verifies a snapshot file: header, length, end marker and checksum.
     *
     * @throws CorruptSnapshotException naming the file when any check fails
     * @throws java.nio.file.NoSuchFileException when the file does not exist
     */
    static MappedSnapshot open(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size < SnapshotFormat.FIXED_HEADER + SnapshotFormat.TRAILER) {
                throw corrupt(file, "it is truncated: " + size + " bytes is shorter than any snapshot");
            }
            ByteBuffer h = ByteBuffer.allocate(SnapshotFormat.FIXED_HEADER).order(ByteOrder.LITTLE_ENDIAN);
            readFully(ch, h, 0);
            h.flip();
            byte[] magic = new byte[8];
            h.get(magic);
            if (!Arrays.equals(magic, SnapshotFormat.MAGIC)) {
                throw corrupt(file, "it is not an embedding snapshot (bad magic number)");
            }
            int version = h.getInt();
            if (version != SnapshotFormat.VERSION && version != SnapshotFormat.VERSION_1) {
                throw corrupt(file, "it has format version " + version + "; this library reads versions "
                        + SnapshotFormat.VERSION_1 + " and " + SnapshotFormat.VERSION);
            }
            int code = h.getInt();
            int dimension = h.getInt();
            int idBytes = h.getInt();
            long count = h.getLong();
            long epochDay = h.getLong();
            if (code < 0 || code > 1 || dimension <= 0 || idBytes < 0 || idBytes > SnapshotFormat.MAX_ID_BYTES
                    || count < 0 || count > size) {
                throw corrupt(file, "its header is damaged (encoding " + code + ", dimension " + dimension
                        + ", model id length " + idBytes + ", count " + count + ")");
            }
            VectorEncoding encoding = code == 0 ? VectorEncoding.FLOAT32 : VectorEncoding.FLOAT16;
            long header = SnapshotFormat.headerBytes(idBytes);
            long expected = SnapshotFormat.totalBytes(header, count, dimension, encoding);
            if (size != expected) {
                throw corrupt(file, "it is truncated or damaged: the header describes " + count + " users of "
                        + "dimension " + dimension + " in " + expected + " bytes, the file has " + size);
            }
            ByteBuffer trailer = ByteBuffer.allocate(SnapshotFormat.TRAILER).order(ByteOrder.LITTLE_ENDIAN);
            readFully(ch, trailer, size - SnapshotFormat.TRAILER);
            trailer.flip();
            long recorded = trailer.getLong();
            byte[] end = new byte[8];
            trailer.get(end);
            if (!Arrays.equals(end, SnapshotFormat.END_MAGIC)) {
                throw corrupt(file, "it is truncated or damaged: the end marker is missing");
            }
            long actual = crc(ch, size - SnapshotFormat.TRAILER);
            if (actual != recorded) {
                throw corrupt(file, "its checksum does not match (recorded " + Long.toHexString(recorded)
                        + ", computed " + Long.toHexString(actual) + "): the file is damaged");
            }
            ByteBuffer idBuf = ByteBuffer.allocate(idBytes);
            readFully(ch, idBuf, SnapshotFormat.FIXED_HEADER);
            String recordedId = new String(idBuf.array(), StandardCharsets.UTF_8);
            String modelId = version == SnapshotFormat.VERSION_1 ? SnapshotFormat.unknownModel(recordedId) : recordedId;
            LocalDate date;
            try {
                date = LocalDate.ofEpochDay(epochDay);
            } catch (DateTimeException e) {
                throw corrupt(file, "its date " + epochDay + " is not a day");
            }
            Regions ids = new Regions(ch, header, count, 8);
            Regions vectors = new Regions(ch, SnapshotFormat.vectorsOffset(header, count), count,
                    dimension * encoding.bytesPerValue());
            return new MappedSnapshot(file, date, modelId, dimension, count, encoding, ids, vectors);
        }
    }

    private static long crc(FileChannel ch, long length) throws IOException {
        CRC32C crc = new CRC32C();
        long chunk = 1L << 30;
        for (long off = 0; off < length; off += chunk) {
            crc.update(ch.map(FileChannel.MapMode.READ_ONLY, off, Math.min(chunk, length - off)));
        }
        return crc.getValue();
    }

    private static void readFully(FileChannel ch, ByteBuffer b, long position) throws IOException {
        long p = position;
        while (b.hasRemaining()) {
            int n = ch.read(b, p);
            if (n < 0) {
                throw new java.io.EOFException("unexpected end of file at byte " + p);
            }
            p += n;
        }
    }

    private static CorruptSnapshotException corrupt(Path file, String what) {
        return new CorruptSnapshotException("embedding snapshot " + file + " cannot be used: " + what);
    }

    /** The file this snapshot was read from. */
    Path file() {
        return file;
    }

    /** The encoding of the components on disk. */
    VectorEncoding encoding() {
        return encoding;
    }

    @Override
    public LocalDate date() {
        return date;
    }

    @Override
    public String modelId() {
        return modelId;
    }

    @Override
    public int dimension() {
        return dimension;
    }

    @Override
    public long size() {
        return count;
    }

    @Override
    public Optional<float[]> vector(long userId) {
        long lo = 0;
        long hi = count - 1;
        while (lo <= hi) {
            long mid = (lo + hi) >>> 1;
            long id = ids.getLong(mid);
            if (id < userId) {
                lo = mid + 1;
            } else if (id > userId) {
                hi = mid - 1;
            } else {
                float[] out = new float[dimension];
                copyVector(mid, out, 0);
                return Optional.of(out);
            }
        }
        return Optional.empty();
    }

    @Override
    public long userId(long index) {
        return ids.getLong(Objects.checkIndex(index, count));
    }

    @Override
    public void copyVector(long index, float[] dst, int offset) {
        Objects.checkIndex(index, count);
        Objects.checkFromIndexSize(offset, dimension, dst.length);
        ByteBuffer b = vectors.chunk(index);
        int p = vectors.position(index);
        if (encoding == VectorEncoding.FLOAT32) {
            for (int c = 0; c < dimension; c++) {
                dst[offset + c] = b.getFloat(p + 4 * c);
            }
        } else {
            for (int c = 0; c < dimension; c++) {
                dst[offset + c] = Half.toFloat(b.getShort(p + 2 * c));
            }
        }
    }

    @Override
    public String toString() {
        return "snapshot " + date + " (" + count + " users, D=" + dimension + ", " + encoding + ") at " + file;
    }

    static UncheckedIOException unreadable(Path file, IOException e) {
        return org.pinnerformer.api.IoErrors.unchecked("cannot read embedding snapshot " + file, e);
    }
}
