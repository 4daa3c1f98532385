package org.pinnerformer.core.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;

/**
 * A read-only memory mapping of {@code count} fixed-size elements starting at a file offset, split into chunks of
 * whole elements so that files over 2 GiB work and no element straddles two buffers.
 */
final class Regions {
    private static final long CHUNK_BYTES = 1L << 30;

    private final ByteBuffer[] chunks;
    private final int elementBytes;
    private final long perChunk;

    Regions(FileChannel channel, long offset, long count, int elementBytes) throws IOException {
        this.elementBytes = elementBytes;
        this.perChunk = Math.max(1, CHUNK_BYTES / elementBytes);
        int n = (int) Math.max(1, (count + perChunk - 1) / perChunk);
        this.chunks = new ByteBuffer[count == 0 ? 0 : n];
        for (int c = 0; c < chunks.length; c++) {
            long first = c * perChunk;
            long elements = Math.min(perChunk, count - first);
            MappedByteBuffer m = channel.map(FileChannel.MapMode.READ_ONLY, offset + first * elementBytes,
                    elements * elementBytes);
            chunks[c] = m.order(ByteOrder.LITTLE_ENDIAN);
        }
    }

    /** The buffer holding an element; its byte position within is {@link #position(long)}. */
    ByteBuffer chunk(long element) {
        return chunks[(int) (element / perChunk)];
    }

    /** The byte position of an element within {@link #chunk(long)}. */
    int position(long element) {
        return (int) (element % perChunk) * elementBytes;
    }

    /** The long at the start of an element. */
    long getLong(long element) {
        return chunk(element).getLong(position(element));
    }
}
