package org.pinnerformer.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads and writes {@link Checkpoint}s as safetensors files: an 8-byte little-endian header length, a
 * UTF-8 JSON header padded with spaces to a multiple of 8 bytes, then the tensor data (float32,
 * little-endian, row-major, tensors in name order, contiguous).
 */
final class SafeTensors {
    static final String RESERVED_PREFIX = "pinnerformer.";
    static final String KEY_FORMAT = "pinnerformer.format";
    static final String KEY_SPEC = "pinnerformer.spec";
    static final String KEY_ACTION_TYPES = "pinnerformer.action_types";
    static final String KEY_SURFACES = "pinnerformer.surfaces";
    static final String KEY_SHA256 = "pinnerformer.data_sha256";
    static final String KEY_HEADER_SHA256 = "pinnerformer.header_sha256";
    /** Version 2 adds {@link #KEY_HEADER_SHA256}, which version 1 files lack; both are read. */
    static final String FORMAT = "pinnerformer-checkpoint/2";
    static final String FORMAT_V1 = "pinnerformer-checkpoint/1";

    /** Headers above this size are refused: a real checkpoint's header is a few kilobytes. */
    private static final long MAX_HEADER = 100L << 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    private SafeTensors() {
    }

    static void write(Checkpoint c, Path file) {
        byte[] header = header(c);
        Path dir = file.toAbsolutePath().getParent();
        Path tmp = null;
        try {
            IoErrors.createDirectories(dir);
            tmp = IoErrors.createTempFileForRename(dir, "." + file.getFileName(), ".tmp");
            try (OutputStream out = new java.io.BufferedOutputStream(
                    Files.newOutputStream(tmp, StandardOpenOption.TRUNCATE_EXISTING), 1 << 16)) {
                ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(header.length);
                out.write(len.array());
                out.write(header);
                for (FloatTensor t : c.tensors().values()) {
                    out.write(bytes(t));
                }
            }
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new CheckpointException(IoErrors.describe("could not write checkpoint " + file, e), e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // best effort: the temporary file is hidden and named after the target
                }
            }
        }
    }

    static Checkpoint read(Path file) {
        byte[] all;
        try {
            all = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new CheckpointException("checkpoint file " + file + " does not exist", e);
        } catch (IOException e) {
            throw new CheckpointException(IoErrors.describe("could not read checkpoint " + file, e), e);
        } catch (OutOfMemoryError e) {
            throw new CheckpointException("checkpoint " + file + " does not fit in memory", e);
        }
        return parse(all, file.toString());
    }

    static Checkpoint parse(byte[] all, String source) {
        if (all.length < 8) {
            throw bad(source, "is " + all.length + " bytes long, too short for a safetensors header");
        }
        long headerLength = ByteBuffer.wrap(all, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        if (headerLength <= 0 || headerLength > MAX_HEADER || headerLength > all.length - 8) {
            throw bad(source, "declares a header of " + headerLength + " bytes but the file is " + all.length
                    + " bytes long (truncated, or not a safetensors file)");
        }
        int dataStart = 8 + (int) headerLength;
        JsonNode root;
        try {
            root = JSON.readTree(new String(all, 8, (int) headerLength, StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw bad(source, "has a header that is not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw bad(source, "has a header that is not a JSON object");
        }
        JsonNode meta = root.get("__metadata__");
        if (meta == null || !meta.isObject()) {
            throw bad(source, "has no __metadata__ block: it is a safetensors file but not a PinnerFormer checkpoint");
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : meta.properties()) {
            if (!e.getValue().isTextual()) {
                throw bad(source, "has a non-string __metadata__ value for '" + e.getKey() + "'");
            }
            metadata.put(e.getKey(), e.getValue().asText());
        }
        String format = metadata.get(KEY_FORMAT);
        if (!FORMAT.equals(format) && !FORMAT_V1.equals(format)) {
            throw bad(source, "has format '" + format + "' in its metadata, expected '" + FORMAT + "'");
        }
        String expectedHeaderSha = FORMAT.equals(format) ? required(metadata, KEY_HEADER_SHA256, source) : null;
        ModelSpec spec;
        Vocabulary actionTypes;
        Vocabulary surfaces;
        try {
            spec = SpecJson.specFromJson(JSON.readTree(required(metadata, KEY_SPEC, source)));
            actionTypes = SpecJson.vocabularyFromJson(JSON.readTree(required(metadata, KEY_ACTION_TYPES, source)));
            surfaces = SpecJson.vocabularyFromJson(JSON.readTree(required(metadata, KEY_SURFACES, source)));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new CheckpointException("checkpoint " + source + " has an invalid spec or vocabulary: "
                    + e.getMessage(), e);
        }
        String expectedSha = required(metadata, KEY_SHA256, source);
        metadata.keySet().removeIf(k -> k.startsWith(RESERVED_PREFIX));

        int dataLength = all.length - dataStart;
        TreeMap<String, FloatTensor> tensors = new TreeMap<>();
        long covered = 0;
        for (Map.Entry<String, JsonNode> e : root.properties()) {
            String name = e.getKey();
            if (name.equals("__metadata__")) {
                continue;
            }
            JsonNode info = e.getValue();
            String dtype = info.path("dtype").asText("");
            if (!dtype.equals("F32")) {
                throw bad(source, "tensor '" + name + "' has dtype '" + dtype + "'; only F32 is supported");
            }
            JsonNode shapeNode = info.path("shape");
            JsonNode offsets = info.path("data_offsets");
            if (!shapeNode.isArray() || !offsets.isArray() || offsets.size() != 2) {
                throw bad(source, "tensor '" + name + "' lacks a shape or a pair of data_offsets");
            }
            int[] shape = new int[shapeNode.size()];
            long count = 1;
            for (int i = 0; i < shape.length; i++) {
                long d = shapeNode.get(i).asLong(-1);
                if (!shapeNode.get(i).canConvertToInt() || d < 0) {
                    throw bad(source, "tensor '" + name + "' has an invalid dimension " + shapeNode.get(i));
                }
                shape[i] = (int) d;
                count *= d;
            }
            long begin = offsets.get(0).asLong(-1);
            long end = offsets.get(1).asLong(-1);
            if (begin < 0 || end < begin || end > dataLength) {
                throw bad(source, "tensor '" + name + "' has data_offsets [" + begin + ", " + end
                        + "] outside the " + dataLength + " data bytes (truncated file?)");
            }
            if (end - begin != count * Float.BYTES) {
                throw bad(source, "tensor '" + name + "' has shape " + shapeNode + " (" + count * Float.BYTES
                        + " bytes) but data_offsets span " + (end - begin) + " bytes");
            }
            float[] data = new float[(int) count];
            ByteBuffer.wrap(all, dataStart + (int) begin, (int) (end - begin)).order(ByteOrder.LITTLE_ENDIAN)
                    .asFloatBuffer().get(data);
            tensors.put(name, FloatTensor.wrap(shape, data));
            covered += end - begin;
        }
        if (covered != dataLength) {
            throw bad(source, "has " + dataLength + " data bytes but its tensors cover " + covered
                    + " (truncated, padded or overlapping data)");
        }
        Checkpoint c = new Checkpoint(spec, actionTypes, surfaces, tensors, metadata);
        String actualSha = dataSha256(c);
        if (!actualSha.equals(expectedSha)) {
            throw bad(source, "fails its checksum (data SHA-256 " + actualSha + ", header says " + expectedSha
                    + "): the file is corrupted");
        }
        if (expectedHeaderSha != null) {
            String actualHeaderSha = headerSha256(root);
            if (!actualHeaderSha.equals(expectedHeaderSha)) {
                throw bad(source, "fails its header checksum (header SHA-256 " + actualHeaderSha + ", header says "
                        + expectedHeaderSha + "): the spec, vocabularies, metadata or tensor table are corrupted");
            }
        }
        return c;
    }

    static String dataSha256(Checkpoint c) {
        MessageDigest md = sha256();
        for (FloatTensor t : c.tensors().values()) {
            md.update(bytes(t));
        }
        return HexFormat.of().formatHex(md.digest());
    }

    /**
     * The SHA-256 of a header's content, so that damage to the spec, vocabularies, metadata or tensor table is
     * caught as surely as damage to the data: every {@code __metadata__} entry but this checksum, sorted by key,
     * as {@code key NUL value NUL}, then every tensor, sorted by name, as {@code name NUL info-json NUL} (the
     * compact JSON of its dtype, shape and offsets).
     */
    static String headerSha256(JsonNode root) {
        MessageDigest md = sha256();
        TreeMap<String, String> entries = new TreeMap<>();
        TreeMap<String, String> tensors = new TreeMap<>();
        for (Map.Entry<String, JsonNode> e : root.properties()) {
            if (e.getKey().equals("__metadata__")) {
                for (Map.Entry<String, JsonNode> m : e.getValue().properties()) {
                    if (!m.getKey().equals(KEY_HEADER_SHA256)) {
                        entries.put(m.getKey(), m.getValue().asText());
                    }
                }
            } else {
                tensors.put(e.getKey(), e.getValue().toString());
            }
        }
        for (TreeMap<String, String> part : List.of(entries, tensors)) {
            part.forEach((k, v) -> {
                md.update(k.getBytes(StandardCharsets.UTF_8));
                md.update((byte) 0);
                md.update(v.getBytes(StandardCharsets.UTF_8));
                md.update((byte) 0);
            });
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }

    private static byte[] header(Checkpoint c) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode meta = root.putObject("__metadata__");
        meta.put(KEY_FORMAT, FORMAT);
        meta.put(KEY_SPEC, SpecJson.specToJson(c.spec()).toString());
        meta.put(KEY_ACTION_TYPES, SpecJson.vocabularyToJson(c.actionTypes()).toString());
        meta.put(KEY_SURFACES, SpecJson.vocabularyToJson(c.surfaces()).toString());
        meta.put(KEY_SHA256, dataSha256(c));
        new TreeMap<>(c.metadata()).forEach(meta::put);
        long offset = 0;
        for (Map.Entry<String, FloatTensor> e : c.tensors().entrySet()) {
            FloatTensor t = e.getValue();
            ObjectNode info = root.putObject(e.getKey());
            info.put("dtype", "F32");
            ArrayNode shape = info.putArray("shape");
            for (int d : t.shape()) {
                shape.add(d);
            }
            long bytes = (long) t.size() * Float.BYTES;
            info.putArray("data_offsets").add(offset).add(offset + bytes);
            offset += bytes;
        }
        meta.put(KEY_HEADER_SHA256, headerSha256(root));
        byte[] json = root.toString().getBytes(StandardCharsets.UTF_8);
        int padded = (json.length + 7) / 8 * 8;
        byte[] out = new byte[padded];
        System.arraycopy(json, 0, out, 0, json.length);
        for (int i = json.length; i < padded; i++) {
            out[i] = ' ';
        }
        return out;
    }

    private static byte[] bytes(FloatTensor t) {
        ByteBuffer b = ByteBuffer.allocate(t.size() * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(t.data());
        return b.array();
    }

    private static String required(Map<String, String> metadata, String key, String source) {
        String v = metadata.get(key);
        if (v == null) {
            throw bad(source, "has no '" + key + "' in its metadata");
        }
        return v;
    }

    private static CheckpointException bad(String source, String problem) {
        return new CheckpointException("checkpoint " + source + " " + problem);
    }
}
