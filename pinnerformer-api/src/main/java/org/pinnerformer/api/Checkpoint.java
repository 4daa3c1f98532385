package org.pinnerformer.api;

import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A trained (or freshly initialised) model: its spec, its two vocabularies and its named float32
 * parameters, plus free-form string metadata (training step, data set, ...).
 *
 * <p>On disk a checkpoint is ONE safetensors file (see {@code docs/checkpoint.md}): tensor names and
 * shapes follow PyTorch conventions, so {@code safetensors.torch.load_file} reads it by name; the spec,
 * the vocabularies, a SHA-256 of the tensor data and the metadata are JSON strings in the
 * {@code __metadata__} block. Reading checks the header, the offsets, the file length and the checksum,
 * and refuses a damaged file with a {@link CheckpointException} that says what is wrong.
 *
 * @param spec the model's hyperparameters
 * @param actionTypes the action-type vocabulary
 * @param surfaces the surface vocabulary
 * @param tensors parameters by name (sorted by name; unmodifiable)
 * @param metadata free-form metadata; keys must not start with {@code pinnerformer.}, which is reserved
 */
public record Checkpoint(ModelSpec spec, Vocabulary actionTypes, Vocabulary surfaces,
        SortedMap<String, FloatTensor> tensors, Map<String, String> metadata) {

    /** Validates and copies the maps. */
    public Checkpoint {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(actionTypes, "actionTypes");
        Objects.requireNonNull(surfaces, "surfaces");
        Objects.requireNonNull(tensors, "tensors");
        Objects.requireNonNull(metadata, "metadata");
        TreeMap<String, FloatTensor> copy = new TreeMap<>();
        for (Map.Entry<String, FloatTensor> e : tensors.entrySet()) {
            String name = Objects.requireNonNull(e.getKey(), "tensor name");
            if (name.isEmpty() || name.equals("__metadata__")) {
                throw new IllegalArgumentException("invalid tensor name '" + name + "'");
            }
            copy.put(name, Objects.requireNonNull(e.getValue(), "tensor " + name));
        }
        tensors = Collections.unmodifiableSortedMap(copy);
        for (String key : metadata.keySet()) {
            if (key.startsWith(SafeTensors.RESERVED_PREFIX)) {
                throw new IllegalArgumentException("metadata key '" + key + "' uses the reserved prefix '"
                        + SafeTensors.RESERVED_PREFIX + "'");
            }
        }
        metadata = Map.copyOf(metadata);
    }

    /** A checkpoint without metadata. */
    public Checkpoint(ModelSpec spec, Vocabulary actionTypes, Vocabulary surfaces, Map<String, FloatTensor> tensors) {
        this(spec, actionTypes, surfaces, new TreeMap<>(tensors), Map.of());
    }

    /**
     * The tensor of that name.
     *
     * @throws CheckpointException naming the tensor when it is missing
     */
    public FloatTensor tensor(String name) {
        FloatTensor t = tensors.get(name);
        if (t == null) {
            throw new CheckpointException("checkpoint has no tensor '" + name + "' (it has " + tensors.size()
                    + " tensors: " + String.join(", ", tensors.keySet()) + ")");
        }
        return t;
    }

    /** A copy with other tensors (same spec, vocabularies and metadata). */
    public Checkpoint withTensors(Map<String, FloatTensor> newTensors) {
        return new Checkpoint(spec, actionTypes, surfaces, new TreeMap<>(newTensors), metadata);
    }

    /** A copy with other metadata. */
    public Checkpoint withMetadata(Map<String, String> newMetadata) {
        return new Checkpoint(spec, actionTypes, surfaces, tensors, newMetadata);
    }

    /**
     * A stable identity of the parameters: the lower-case hex SHA-256 of the tensor data as laid out in the
     * file (tensors sorted by name, little-endian float32). Equal for equal parameters, whatever the
     * metadata.
     */
    public String id() {
        return SafeTensors.dataSha256(this);
    }

    /**
     * Writes the checkpoint to one safetensors file, atomically (a temporary file in the same directory is
     * moved over the target).
     *
     * @throws CheckpointException if the file cannot be written
     */
    public void write(Path file) {
        SafeTensors.write(this, file);
    }

    /**
     * Reads a checkpoint written by any backend.
     *
     * @throws CheckpointException naming the file and the problem when it is missing, truncated, corrupted
     *     or not a PinnerFormer checkpoint
     */
    public static Checkpoint read(Path file) {
        return SafeTensors.read(file);
    }
}
