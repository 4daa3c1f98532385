package org.pinnerformer.core.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Properties;
import org.pinnerformer.api.IoErrors;
import org.pinnerformer.api.PinnerFormerException;

/**
 * The lock that makes a store take one writer at a time: {@code DIR/writer.lock}, locked with
 * {@link FileChannel#tryLock()} (an operating-system lock, so it also excludes other processes and goes away with a
 * killed process) and holding the holder's process id, its start time and when it took the lock, so that a second
 * writer can say who holds it. The file stays after release: deleting a lock file lets two writers lock two
 * different files.
 */
final class StoreLock implements AutoCloseable {
    static final String FILE = "writer.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private StoreLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the lock of the store in {@code dir} without waiting.
     *
     * @throws PinnerFormerException naming the holder when another writer (in this or another process) holds it
     * @throws java.io.UncheckedIOException when the lock file cannot be opened, with the reason
     */
    static StoreLock acquire(Path dir) {
        Path file = dir.resolve(FILE);
        FileChannel ch;
        try {
            ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw IoErrors.unchecked("cannot take the writer lock of the embedding store " + dir, e);
        }
        try {
            FileLock l;
            try {
                l = ch.tryLock();
            } catch (OverlappingFileLockException e) {
                l = null; // held by another writer in this process
            }
            if (l == null) {
                throw new PinnerFormerException("the embedding store " + dir + " has another writer: "
                        + holder(ch, file) + "; a store takes one writer at a time, so wait for that one to finish, or "
                        + "stop it");
            }
            ProcessHandle self = ProcessHandle.current();
            String info = "pid=" + self.pid() + "\nstarted=" + startOf(self) + "\nlocked="
                    + Instant.now().truncatedTo(ChronoUnit.SECONDS) + "\n";
            ch.truncate(0);
            ByteBuffer b = ByteBuffer.wrap(info.getBytes(StandardCharsets.UTF_8));
            while (b.hasRemaining()) {
                ch.write(b, b.position());
            }
            return new StoreLock(ch, l);
        } catch (IOException | RuntimeException e) {
            try {
                ch.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            if (e instanceof RuntimeException r) {
                throw r;
            }
            throw IoErrors.unchecked("cannot take the writer lock " + file, (IOException) e);
        }
    }

    private static String startOf(ProcessHandle p) {
        return p.info().startInstant().map(i -> i.truncatedTo(ChronoUnit.SECONDS).toString()).orElse("unknown");
    }

    /** "process 42 (started ...) holds its lock FILE since ...", from what the holder wrote into the file. */
    private static String holder(FileChannel ch, Path file) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(4096);
        long at = 0;
        while (b.hasRemaining()) {
            int n = ch.read(b, at);
            if (n < 0) {
                break;
            }
            at += n;
        }
        Properties p = new Properties();
        p.load(new java.io.StringReader(new String(b.array(), 0, b.position(), StandardCharsets.UTF_8)));
        String pid = p.getProperty("pid");
        if (pid == null) {
            return "a process that has not yet written its id into " + file + " holds it";
        }
        return "process " + pid + " (started " + p.getProperty("started", "unknown") + ") holds its lock "
                + file + " since " + p.getProperty("locked", "unknown");
    }

    /** Releases the lock; idempotent. */
    @Override
    public void close() {
        try {
            if (lock.isValid()) {
                lock.release();
            }
            channel.close();
        } catch (IOException e) {
            // closing the channel releases the lock in any case
        }
    }
}
