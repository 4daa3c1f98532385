package org.pinnerformer.core.store;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;

/**
 * The layout of a snapshot file (little-endian):
 * <pre>
 *  0  8 bytes  magic "PFEMBSNP"
 *  8  int      format version (2; version 1 had the same layout with a checkpoint id in place of the model id)
 * 12  int      encoding (0 float32, 1 float16)
 * 16  int      dimension D
 * 20  int      L, the length of the model id in UTF-8 bytes
 * 24  long     count N of users
 * 32  long     the day, as an epoch day
 * 40  L bytes  model id (a model bundle's), zero-padded to a multiple of 8
 *  H  N longs  user ids, strictly increasing
 *     N * D    components in the encoding, zero-padded to a multiple of 8
 *     long     CRC32C of every byte before it
 *     8 bytes  end magic "PFEMBEND"
 * </pre>
 *
 * <p>A version 1 file (written before model bundles) is still read; it does not say which model computed it, so
 * its model id reads as {@link #unknownModel}, which equals no bundle's id: the daily job refuses to carry it over
 * (unless told to re-embed everyone) and {@code recommend} refuses to combine it with an index.
 */
final class SnapshotFormat {
    static final byte[] MAGIC = "PFEMBSNP".getBytes(StandardCharsets.US_ASCII);
    static final byte[] END_MAGIC = "PFEMBEND".getBytes(StandardCharsets.US_ASCII);
    static final int VERSION = 2;
    static final int VERSION_1 = 1;
    static final int FIXED_HEADER = 40;
    static final int MAX_ID_BYTES = 4096;
    static final int TRAILER = 16;

    private SnapshotFormat() {
    }

    /** The model id a version 1 snapshot reads as. */
    static String unknownModel(String checkpointId) {
        return "unknown (snapshot format 1, written before model bundles, by checkpoint " + checkpointId + ")";
    }

    static long align8(long n) {
        return (n + 7) & ~7L;
    }

    static long headerBytes(int idBytes) {
        return align8(FIXED_HEADER + (long) idBytes);
    }

    static long vectorsOffset(long header, long count) {
        return header + 8 * count;
    }

    static long totalBytes(long header, long count, int dimension, VectorEncoding encoding) {
        long body = vectorsOffset(header, count) + count * dimension * encoding.bytesPerValue();
        return align8(body) + TRAILER;
    }

    static int code(VectorEncoding encoding) {
        return encoding == VectorEncoding.FLOAT32 ? 0 : 1;
    }

    /** The header bytes. */
    static ByteBuffer header(LocalDate date, String modelId, int dimension, long count,
            VectorEncoding encoding) {
        byte[] id = modelId.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate((int) headerBytes(id.length)).order(ByteOrder.LITTLE_ENDIAN);
        b.put(MAGIC).putInt(VERSION).putInt(code(encoding)).putInt(dimension).putInt(id.length).putLong(count)
                .putLong(date.toEpochDay()).put(id);
        b.position(b.capacity()).flip();
        return b;
    }
}
