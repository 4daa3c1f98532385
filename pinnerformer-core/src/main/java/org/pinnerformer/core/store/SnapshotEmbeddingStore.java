package org.pinnerformer.core.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.pinnerformer.api.EmbeddingStore;
import org.pinnerformer.api.IoErrors;
import org.pinnerformer.api.PinnerFormerException;

/**
 * An embedding store in a directory, with no server: one file per day, {@code snapshot-YYYY-MM-DD.emb}, holding a
 * header (magic, version, day, checkpoint id, dimension, count, encoding), the sorted user ids, the vectors and a
 * CRC32C checksum. Files are memory-mapped; a lookup is a binary search over the mapped ids (about a microsecond).
 *
 * <p>Publishing writes the whole file under a temporary name, forces it to disk and renames it over the day's
 * file, so a reader (in this or another process) sees the old or the new snapshot, never a mix; a reader that
 * already holds a snapshot keeps reading it even when it is replaced or deleted. Re-publishing a day replaces it.
 * After a publish, the oldest snapshots beyond {@link StoreOptions#retention()} are deleted. Every file is
 * verified (length, end marker, checksum) when it is first opened; a damaged one fails with a
 * {@link CorruptSnapshotException} naming the file. One writer per store at a time, enforced by a lock file
 * ({@code writer.lock}) across processes: temporary files left by a killed writer are ignored by readers and
 * removed, and reported, by the next {@link #writer}.
 */
public final class SnapshotEmbeddingStore implements EmbeddingStore {
    private static final String PREFIX = "snapshot-";
    private static final String SUFFIX = ".emb";
    /** How often {@link #latest()} lists the directory again when retention deleted every day it listed. */
    private static final int MAX_LISTINGS = 100;

    private final Path dir;
    private final StoreOptions options;
    private final ConcurrentHashMap<LocalDate, Opened> cache = new ConcurrentHashMap<>();
    private final List<Path> removed = new CopyOnWriteArrayList<>();

    private volatile boolean closed;

    private record Opened(Object fileKey, MappedSnapshot snapshot) {
    }

    private SnapshotEmbeddingStore(Path dir, StoreOptions options) {
        this.dir = dir;
        this.options = options;
    }

    /**
     * Opens (creating it if needed) the store in a directory.
     *
     * @throws UncheckedIOException if the directory cannot be created
     */
    public static SnapshotEmbeddingStore open(Path dir, StoreOptions options) {
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(options, "options");
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw IoErrors.unchecked("cannot create embedding store directory " + dir, e);
        }
        return new SnapshotEmbeddingStore(dir, options);
    }

    /** The file name of a day's snapshot. */
    static String fileName(LocalDate date) {
        return PREFIX + date + SUFFIX;
    }

    /** The file holding a day's snapshot (it may not exist). */
    public Path file(LocalDate date) {
        return dir.resolve(fileName(Objects.requireNonNull(date, "date")));
    }

    /** The directory of this store. */
    public Path directory() {
        return dir;
    }

    /**
     * {@inheritDoc} The newest day whose file opens. A reader that lists the days and is then overtaken by
     * publishes whose retention deletes every day it listed lists again, so a store that holds a snapshot never
     * answers empty.
     */
    @Override
    public Optional<Snapshot> latest() {
        for (int attempt = 0; attempt < MAX_LISTINGS; attempt++) {
            List<LocalDate> days = dates();
            if (days.isEmpty()) {
                return Optional.empty();
            }
            for (int i = days.size() - 1; i >= 0; i--) {
                Optional<Snapshot> s = snapshot(days.get(i));
                if (s.isPresent()) {
                    return s;
                }
            }
        }
        throw new IllegalStateException("embedding store " + dir + ": every listed snapshot was deleted before it"
                + " could be opened, " + MAX_LISTINGS + " times in a row; is another process deleting them?");
    }

    /**
     * {@inheritDoc}
     *
     * @throws CorruptSnapshotException if the day's file is damaged or truncated
     */
    @Override
    public Optional<Snapshot> snapshot(LocalDate date) {
        requireOpen();
        Path file = file(date);
        try {
            Object key = Files.readAttributes(file, BasicFileAttributes.class).fileKey();
            Opened o = cache.get(date);
            if (o != null && key != null && key.equals(o.fileKey())) {
                return Optional.of(o.snapshot());
            }
            MappedSnapshot s = MappedSnapshot.open(file);
            if (!s.date().equals(date)) {
                throw new CorruptSnapshotException("embedding snapshot " + file + " cannot be used: it records "
                        + "the day " + s.date() + ", not " + date);
            }
            if (key != null) {
                cache.put(date, new Opened(key, s));
            }
            return Optional.of(s);
        } catch (NoSuchFileException e) {
            cache.remove(date);
            return Optional.empty();
        } catch (IOException e) {
            throw MappedSnapshot.unreadable(file, e);
        }
    }

    @Override
    public List<LocalDate> dates() {
        requireOpen();
        List<LocalDate> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            files.forEach(f -> {
                String n = f.getFileName().toString();
                if (n.startsWith(PREFIX) && n.endsWith(SUFFIX)) {
                    try {
                        out.add(LocalDate.parse(n.substring(PREFIX.length(), n.length() - SUFFIX.length())));
                    } catch (DateTimeParseException e) {
                        // not one of ours
                    }
                }
            });
        } catch (IOException e) {
            throw IoErrors.unchecked("cannot list embedding store " + dir, e);
        }
        out.sort(null);
        return List.copyOf(out);
    }

    /**
     * {@inheritDoc} Vectors must be finite (and within +-65504 for float16); nothing is visible until
     * {@link Writer#publish()}. The writer holds the store's lock ({@code writer.lock}) until it has published or
     * is closed; first it removes the temporary files that killed writers left behind (see
     * {@link #removedLeftovers()}).
     *
     * @throws PinnerFormerException naming the holder's process id and start time when another writer, in this or
     *     another process, holds the store
     * @throws IllegalArgumentException when retention would delete the day as soon as it is published (a backfill
     *     older than every retained snapshot)
     */
    @Override
    public Writer writer(LocalDate date, String checkpointId, int dimension) {
        requireOpen();
        VectorChecks.requireHeader(date, checkpointId, dimension);
        StoreLock lock = StoreLock.acquire(dir);
        try {
            requireRetained(date);
            removeLeftovers();
            return new LockedWriter(new FileSnapshotWriter(dir, date, checkpointId, dimension, options.encoding(),
                    published -> retain()), lock);
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    /**
     * Checks, before any work, that a writer of the day could start now and that its snapshot would be kept: the
     * directory is writable, no other writer holds the store, and retention would not delete the day at once.
     *
     * @throws PinnerFormerException when another writer holds the store
     * @throws IllegalArgumentException when retention would delete the day as soon as it is published
     * @throws UncheckedIOException when the lock file cannot be written (permission denied, read-only file system)
     */
    public void requirePublishable(LocalDate date) {
        Objects.requireNonNull(date, "date");
        requireOpen();
        StoreLock lock = StoreLock.acquire(dir);
        try {
            requireRetained(date);
        } finally {
            lock.close();
        }
    }

    /**
     * The temporary files of interrupted writers (spools and unpublished snapshots, of any day) that this store's
     * writers removed, oldest first.
     */
    public List<Path> removedLeftovers() {
        return List.copyOf(removed);
    }

    private void requireRetained(LocalDate date) {
        TreeSet<LocalDate> after = new TreeSet<>(dates());
        after.add(date);
        List<LocalDate> kept = new ArrayList<>(after).subList(Math.max(0, after.size() - options.retention()),
                after.size());
        if (!kept.contains(date)) {
            List<LocalDate> now = new ArrayList<>(after);
            now.remove(date);
            List<LocalDate> newest = now.subList(Math.max(0, now.size() - options.retention()), now.size());
            throw new IllegalArgumentException("cannot publish snapshot " + date + " to the embedding store " + dir
                    + ": it keeps the newest " + options.retention() + " snapshots (" + newest.stream()
                            .map(LocalDate::toString).collect(Collectors.joining(", "))
                    + "), so retention would delete " + date + " as soon as it is published; keep more snapshots "
                    + "or publish it into another store");
        }
    }

    /** Under the lock no other writer runs, so every temporary file of the store is a leftover. */
    private void removeLeftovers() {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                String n = f.getFileName().toString();
                if (n.startsWith(PREFIX) && (n.contains(SUFFIX + ".tmp-") || n.contains(SUFFIX + ".spool-"))) {
                    if (Files.deleteIfExists(f)) {
                        removed.add(f);
                    }
                }
            }
        } catch (IOException e) {
            throw IoErrors.unchecked("cannot remove the leftovers of interrupted writers from the embedding store "
                    + dir, e);
        }
    }

    private void retain() {
        List<LocalDate> days = dates();
        for (int i = 0; i < days.size() - options.retention(); i++) {
            try {
                Files.deleteIfExists(file(days.get(i)));
                cache.remove(days.get(i));
            } catch (IOException e) {
                throw IoErrors.unchecked("cannot delete the expired snapshot " + file(days.get(i)), e);
            }
        }
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("the embedding store " + dir + " is closed");
        }
    }

    @Override
    public void close() {
        closed = true;
        cache.clear();
    }
}
