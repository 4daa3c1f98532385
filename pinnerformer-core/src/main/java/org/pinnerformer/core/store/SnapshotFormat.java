package org.pinnerformer.core.store;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;

/**
 * The layout of a snapshot file (little-endian):
 * <pre>
 *  0  8 bytes  magic "PFEMBSNP"
 *  8  int      format version (1)
 * 12  int      encoding (0 float32, 1 float16)
 * 16  int      dimension D
 * 20  int      L, the length of the checkpoint id in UTF-8 bytes
 * 24  long     count N of users
 * 32  long     the day, as an epoch day
 * 40  L bytes  checkpoint id, zero-padded to a multiple of 8
 *  H  N longs  user ids, strictly increasing
 *     N * D    components in the encoding, zero-padded to a multiple of 8
 *     long     CRC32C of every byte before it
 *     8 bytes  end magic "PFEMBEND"
 * </pre>
 */
final class SnapshotFormat {
    static final byte[] MAGIC = "PFEMBSNP".getBytes(StandardCharsets.US_ASCII);
    static final byte[] END_MAGIC = "PFEMBEND".getBytes(StandardCharsets.US_ASCII);
    static final int VERSION = 1;
    static final int FIXED_HEADER = 40;
    static final int MAX_ID_BYTES = 4096;
    static final int TRAILER = 16;

    private SnapshotFormat() {
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
    static ByteBuffer header(LocalDate date, String checkpointId, int dimension, long count,
            VectorEncoding encoding) {
        byte[] id = checkpointId.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate((int) headerBytes(id.length)).order(ByteOrder.LITTLE_ENDIAN);
        b.put(MAGIC).putInt(VERSION).putInt(code(encoding)).putInt(dimension).putInt(id.length).putLong(count)
                .putLong(date.toEpochDay()).put(id);
        b.position(b.capacity()).flip();
        return b;
    }
}
