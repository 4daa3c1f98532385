package org.pinnerformer.core.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.pinnerformer.api.Checkpoint;
import org.pinnerformer.api.CheckpointException;
import org.pinnerformer.api.PinnerFormerException;
import org.pinnerformer.core.data.ItemCatalog;

/**
 * A model bundle: the one artefact training writes and serving reads. A directory holding
 * <ul>
 *   <li>{@code model.safetensors}: the checkpoint (docs/checkpoint.md), unchanged, so PyTorch loads it by name;</li>
 *   <li>{@code items.safetensors}: the item vectors the model was trained with ({@code item_ids} int64 {@code [N]},
 *       {@code item_vectors} float32 {@code [N, F]}), titles and categories when known;</li>
 *   <li>{@code model.json}: the model id, the checkpoint id, sizes, vocabularies and {@link Provenance};</li>
 *   <li>{@code SHA256SUMS}: the SHA-256 of the three files, as {@code sha256sum -c} checks.</li>
 * </ul>
 *
 * <p>The {@link #modelId() model id} is a content hash of the checkpoint and the item vectors (not of the
 * provenance): SHA-256 of {@code "pinnerformer-bundle/1\n"} followed by the {@code SHA256SUMS} lines of
 * {@code model.safetensors} and {@code items.safetensors}, in that order. Snapshots and item indexes record it, and
 * serving refuses to combine artefacts of different ids ({@link org.pinnerformer.api.ModelMismatchException#requireSame}).
 *
 * <p>{@link #open} checks every checksum and the model id before reading anything and refuses a damaged bundle
 * with a {@link CheckpointException} naming the file. Immutable.
 */
public final class ModelBundle {
    /** The format name in {@code model.json}. */
    public static final String FORMAT = "pinnerformer-bundle/1";
    static final String CHECKPOINT = "model.safetensors";
    static final String MANIFEST = "model.json";
    private static final List<String> FILES = List.of(CHECKPOINT, ItemFile.NAME, MANIFEST);
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path dir;
    private final String modelId;
    private final Checkpoint checkpoint;
    private final ItemCatalog items;
    private final Provenance provenance;

    private ModelBundle(Path dir, String modelId, Checkpoint checkpoint, ItemCatalog items, Provenance provenance) {
        this.dir = dir;
        this.modelId = modelId;
        this.checkpoint = checkpoint;
        this.items = items;
        this.provenance = provenance;
    }

    /**
     * Writes a bundle into {@code dir}, which must not exist or be empty; the files appear at once (they are
     * written into a temporary sibling directory that is then renamed), so a crash leaves no half bundle.
     *
     * @param items the item vectors the checkpoint was trained with: their size must be the spec's item vector size
     * @throws IllegalArgumentException if the item vectors do not fit the checkpoint
     * @throws PinnerFormerException if {@code dir} is not empty or cannot be written
     */
    public static ModelBundle write(Path dir, Checkpoint checkpoint, ItemCatalog items, Provenance provenance) {
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(checkpoint, "checkpoint");
        Objects.requireNonNull(items, "items");
        Objects.requireNonNull(provenance, "provenance");
        if (items.vectorSize() != checkpoint.spec().itemVectorSize()) {
            throw new IllegalArgumentException("the item vectors have " + items.vectorSize()
                    + " values but the checkpoint expects itemVectorSize " + checkpoint.spec().itemVectorSize());
        }
        Path target = dir.toAbsolutePath().normalize();
        Path tmp = null;
        try {
            requireWritable(dir);
            Path parent = target.getParent();
            Files.createDirectories(parent);
            tmp = Files.createTempDirectory(parent, "." + target.getFileName() + ".tmp-");
            checkpoint.write(tmp.resolve(CHECKPOINT));
            Files.write(tmp.resolve(ItemFile.NAME), ItemFile.bytes(items));
            Map<String, String> sums = new LinkedHashMap<>();
            sums.put(CHECKPOINT, Checksums.sha256(tmp.resolve(CHECKPOINT)));
            sums.put(ItemFile.NAME, Checksums.sha256(tmp.resolve(ItemFile.NAME)));
            String id = modelId(sums);
            Files.writeString(tmp.resolve(MANIFEST), manifest(id, checkpoint, items, provenance));
            sums.put(MANIFEST, Checksums.sha256(tmp.resolve(MANIFEST)));
            Files.writeString(tmp.resolve(Checksums.FILE), Checksums.format(sums));
            if (Files.exists(target)) {
                Files.delete(target);
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            tmp = null;
            return new ModelBundle(target, id, checkpoint, items, provenance);
        } catch (IOException e) {
            throw new PinnerFormerException("could not write the model bundle " + dir + ": " + e, e);
        } finally {
            if (tmp != null) {
                deleteQuietly(tmp);
            }
        }
    }

    /**
     * Checks that a bundle can be written into {@code dir} (missing, or an empty directory), so that a caller can
     * refuse before a long training run rather than after it.
     *
     * @throws PinnerFormerException if {@code dir} is a file or a directory that is not empty
     */
    public static void requireWritable(Path dir) {
        Objects.requireNonNull(dir, "dir");
        Path target = dir.toAbsolutePath().normalize();
        if (!Files.exists(target)) {
            return;
        }
        if (!Files.isDirectory(target)) {
            throw new PinnerFormerException("cannot write a model bundle to " + dir + ": it is a file");
        }
        try (Stream<Path> s = Files.list(target)) {
            if (s.findAny().isPresent()) {
                throw new PinnerFormerException("cannot write a model bundle into " + dir
                        + ": the directory is not empty; choose a new directory");
            }
        } catch (IOException e) {
            throw new PinnerFormerException("could not list " + dir + ": " + e, e);
        }
    }

    /**
     * Opens a bundle: checks {@code SHA256SUMS}, the model id, then reads the checkpoint (with its own checksums) and
     * the item vectors.
     *
     * @throws CheckpointException naming the bundle and the file, if it is missing, damaged or inconsistent
     */
    public static ModelBundle open(Path dir) {
        Objects.requireNonNull(dir, "dir");
        if (!Files.isDirectory(dir)) {
            throw new CheckpointException("the model bundle " + dir + " does not exist or is not a directory"
                    + (Files.isRegularFile(dir) ? " (a single checkpoint file is not a bundle: write one with"
                            + " `pinnerformer train --out DIR`)" : ""));
        }
        Map<String, String> sums = Checksums.verify(dir, FILES);
        String id = modelId(sums);
        JsonNode manifest;
        try {
            manifest = JSON.readTree(Files.readString(dir.resolve(MANIFEST), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new CheckpointException("the model bundle " + dir + " is damaged: " + MANIFEST
                    + " is not JSON: " + e.getMessage(), e);
        }
        if (!FORMAT.equals(manifest.path("format").asText())) {
            throw new CheckpointException("the model bundle " + dir + " has format '"
                    + manifest.path("format").asText() + "' in " + MANIFEST + "; this library reads " + FORMAT);
        }
        if (!id.equals(manifest.path("model_id").asText())) {
            throw new CheckpointException("the model bundle " + dir + " is damaged: " + MANIFEST
                    + " records model id " + manifest.path("model_id").asText() + " but its files hash to " + id);
        }
        Checkpoint checkpoint = Checkpoint.read(dir.resolve(CHECKPOINT));
        ItemCatalog items;
        try {
            items = ItemFile.parse(Files.readAllBytes(dir.resolve(ItemFile.NAME)), dir.resolve(ItemFile.NAME)
                    .toString());
        } catch (IOException e) {
            throw new CheckpointException("could not read " + dir.resolve(ItemFile.NAME) + ": " + e, e);
        }
        if (items.vectorSize() != checkpoint.spec().itemVectorSize()) {
            throw new CheckpointException("the model bundle " + dir + " is inconsistent: " + ItemFile.NAME
                    + " holds vectors of size " + items.vectorSize() + " but " + CHECKPOINT
                    + " expects itemVectorSize " + checkpoint.spec().itemVectorSize());
        }
        if (!checkpoint.id().equals(manifest.path("checkpoint_id").asText())) {
            throw new CheckpointException("the model bundle " + dir + " is inconsistent: " + MANIFEST
                    + " records checkpoint id " + manifest.path("checkpoint_id").asText() + " but " + CHECKPOINT
                    + " has id " + checkpoint.id());
        }
        return new ModelBundle(dir, id, checkpoint, items, provenance(manifest.path("provenance"), dir));
    }

    /**
     * Checks a bundle as {@link #open} does and returns its model id.
     *
     * @throws CheckpointException naming the bundle and the file, if it is missing, damaged or inconsistent
     */
    public static String verify(Path dir) {
        return open(dir).modelId();
    }

    /** The model id: a lower-case hex SHA-256 of the checkpoint and the item vectors (see the class comment). */
    public String modelId() {
        return modelId;
    }

    /** The checkpoint. */
    public Checkpoint checkpoint() {
        return checkpoint;
    }

    /** The item vectors the model was trained with, with titles and categories when known, in bundle order. */
    public ItemCatalog items() {
        return items;
    }

    /** Where the model came from. */
    public Provenance provenance() {
        return provenance;
    }

    /** The bundle's directory. */
    public Path dir() {
        return dir;
    }

    @Override
    public String toString() {
        return "model bundle " + dir + " (model " + modelId + ")";
    }

    private static String modelId(Map<String, String> sums) {
        String text = FORMAT + "\n" + sums.get(CHECKPOINT) + "  " + CHECKPOINT + "\n" + sums.get(ItemFile.NAME) + "  "
                + ItemFile.NAME + "\n";
        return Checksums.sha256(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String manifest(String id, Checkpoint c, ItemCatalog items, Provenance p) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("model_id", id);
        root.put("checkpoint_id", c.id());
        root.put("items", items.size());
        root.put("item_vector_size", items.vectorSize());
        root.put("output_size", c.spec().outputSize());
        c.actionTypes().tokens().forEach(root.putArray("action_types")::add);
        c.surfaces().tokens().forEach(root.putArray("surfaces")::add);
        ObjectNode prov = root.putObject("provenance");
        prov.put("dataset", p.dataset());
        prov.put("dataset_sha256", p.datasetSha256());
        ObjectNode training = prov.putObject("training");
        new TreeMap<>(p.training()).forEach(training::put);
        prov.put("library_version", p.libraryVersion());
        prov.put("created", p.created().toString());
        return JSON.writeValueAsString(root) + "\n";
    }

    private static Provenance provenance(JsonNode p, Path dir) {
        Map<String, String> training = new TreeMap<>();
        JsonNode t = p.path("training");
        t.fieldNames().forEachRemaining(k -> training.put(k, t.get(k).asText()));
        try {
            return new Provenance(p.path("dataset").asText(), p.path("dataset_sha256").asText(), training,
                    p.path("library_version").asText(), Instant.parse(p.path("created").asText()));
        } catch (DateTimeParseException e) {
            throw new CheckpointException("the model bundle " + dir + " is damaged: " + MANIFEST
                    + " has an invalid provenance.created '" + p.path("created").asText() + "'", e);
        }
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(f -> {
                try {
                    Files.deleteIfExists(f);
                } catch (IOException ignored) {
                    // best effort: a leftover temporary directory is harmless and named as such
                }
            });
        } catch (IOException ignored) {
            // best effort, as above
        }
    }
}
