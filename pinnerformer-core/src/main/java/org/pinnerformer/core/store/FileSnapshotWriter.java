package org.pinnerformer.core.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.zip.CRC32C;
import org.pinnerformer.api.EmbeddingStore;
import org.pinnerformer.api.IoErrors;

/**
 * Writes a snapshot file: puts are appended to a spool file next to the store (the heap holds nothing per
 * user until publish); {@link #publish()} sorts the ids, writes the final file under a temporary name, forces it
 * to disk, renames it atomically over the day's file and forces the directory. A crash at any point leaves the
 * published files as they were; the leftovers are temporary files that readers ignore.
 */
final class FileSnapshotWriter implements EmbeddingStore.Writer {
    private static final int BUFFER = 1 << 20;

    private final Path dir;
    private final LocalDate date;
    private final String checkpointId;
    private final int dimension;
    private final VectorEncoding encoding;
    private final Consumer<Path> onPublish;
    private final int recordBytes;
    private final Path spool;
    private FileChannel spoolChannel;
    private final ByteBuffer buffer;
    private long records;
    private boolean done;

    FileSnapshotWriter(Path dir, LocalDate date, String checkpointId, int dimension, VectorEncoding encoding,
            Consumer<Path> onPublish) {
        this.dir = dir;
        this.date = date;
        this.checkpointId = checkpointId;
        this.dimension = dimension;
        this.encoding = encoding;
        this.onPublish = onPublish;
        this.recordBytes = 8 + dimension * encoding.bytesPerValue();
        this.buffer = ByteBuffer.allocate(Math.max(BUFFER, recordBytes)).order(ByteOrder.LITTLE_ENDIAN);
        try {
            this.spool = Files.createFile(dir.resolve(uniqueName(date, "spool")));
            this.spoolChannel = FileChannel.open(spool, StandardOpenOption.WRITE, StandardOpenOption.READ);
        } catch (IOException e) {
            throw IoErrors.unchecked("cannot create a spool file in embedding store " + dir, e);
        }
    }

    @Override
    public synchronized void put(long userId, float[] vector) {
        requireOpen();
        VectorChecks.requireVector(userId, vector, dimension, encoding);
        if (buffer.remaining() < recordBytes) {
            flushSpool();
        }
        buffer.putLong(userId);
        if (encoding == VectorEncoding.FLOAT32) {
            for (float v : vector) {
                buffer.putFloat(v);
            }
        } else {
            for (float v : vector) {
                buffer.putShort(Half.fromFloat(v));
            }
        }
        records++;
    }

    @Override
    public synchronized void publish() {
        requireOpen();
        if (records > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("a snapshot holds at most " + (Integer.MAX_VALUE - 8) + " users, had "
                    + records + " puts");
        }
        Path target = dir.resolve(SnapshotEmbeddingStore.fileName(date));
        Path tmp = null;
        try {
            flushSpool();
            int n = (int) records;
            Regions rows = new Regions(spoolChannel, 0, n, recordBytes);
            long[] keys = new long[n];
            for (int i = 0; i < n; i++) {
                keys[i] = rows.getLong(i);
            }
            int[] order = IdOrder.lastOfEachId(keys, n);
            tmp = Files.createFile(dir.resolve(uniqueName(date, "tmp")));
            try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                writeSnapshot(out, rows, keys, order);
                out.force(true);
            }
            move(tmp, target);
            forceDirectory();
            done = true;
            closeSpool();
        } catch (IOException e) {
            deleteQuietly(tmp);
            throw IoErrors.unchecked("cannot publish embedding snapshot " + target, e);
        }
        onPublish.accept(target);
    }

    /**
     * A fresh name for a temporary file of a day; created with the default permissions (not the owner-only ones of
     * {@code Files.createTempFile}), since the published file is this file renamed.
     */
    private static String uniqueName(LocalDate date, String kind) {
        return SnapshotEmbeddingStore.fileName(date) + "." + kind + "-" + Long.toHexString(System.nanoTime())
                + Long.toHexString(ThreadLocalRandom.current().nextLong());
    }

    private void writeSnapshot(FileChannel out, Regions rows, long[] keys, int[] order) throws IOException {
        CRC32C crc = new CRC32C();
        ByteBuffer b = ByteBuffer.allocate(Math.max(BUFFER, recordBytes)).order(ByteOrder.LITTLE_ENDIAN);
        ByteBuffer header = SnapshotFormat.header(date, checkpointId, dimension, order.length, encoding);
        long written = emit(out, header, crc);
        for (int i : order) {
            if (b.remaining() < 8) {
                written += drain(out, b, crc);
            }
            b.putLong(keys[i]);
        }
        int vectorBytes = recordBytes - 8;
        for (int i : order) {
            if (b.remaining() < vectorBytes) {
                written += drain(out, b, crc);
            }
            ByteBuffer src = rows.chunk(i).duplicate();
            int p = rows.position(i) + 8;
            src.limit(p + vectorBytes).position(p);
            b.put(src);
        }
        written += drain(out, b, crc);
        long pad = SnapshotFormat.align8(written) - written;
        b.put(new byte[(int) pad]);
        drain(out, b, crc);
        b.putLong(crc.getValue()).put(SnapshotFormat.END_MAGIC);
        b.flip();
        while (b.hasRemaining()) {
            out.write(b);
        }
    }

    private static long drain(FileChannel out, ByteBuffer b, CRC32C crc) throws IOException {
        b.flip();
        long n = emit(out, b, crc);
        b.clear();
        return n;
    }

    private static long emit(FileChannel out, ByteBuffer b, CRC32C crc) throws IOException {
        int n = b.remaining();
        crc.update(b.duplicate());
        while (b.hasRemaining()) {
            out.write(b);
        }
        return n;
    }

    private static void move(Path tmp, Path target) throws IOException {
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("the file system of " + target + " cannot rename atomically, which publishing "
                    + "needs", e);
        }
    }

    private void forceDirectory() {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Some platforms cannot open a directory; the rename is still atomic there.
        }
    }

    private void flushSpool() {
        buffer.flip();
        try {
            while (buffer.hasRemaining()) {
                spoolChannel.write(buffer);
            }
        } catch (IOException e) {
            throw IoErrors.unchecked("cannot write spool file " + spool, e);
        } finally {
            buffer.clear();
        }
    }

    private void requireOpen() {
        if (done) {
            throw new IllegalStateException("the writer of snapshot " + date + " was already published or closed");
        }
    }

    private void closeSpool() {
        try {
            spoolChannel.close();
        } catch (IOException e) {
            // nothing to do: the spool is deleted next
        }
        deleteQuietly(spool);
    }

    private static void deleteQuietly(Path p) {
        if (p == null) {
            return;
        }
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            // a leftover temporary file is ignored by readers
        }
    }

    @Override
    public synchronized void close() {
        if (!done) {
            done = true;
            closeSpool();
        }
    }
}
