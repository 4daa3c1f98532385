package org.pinnerformer.core.bundle;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.pinnerformer.api.CheckpointException;
import org.pinnerformer.core.data.ItemCatalog;

/**
 * {@code items.safetensors}: the item vectors a model was trained with, as a safetensors file that PyTorch loads
 * by name ({@code item_ids} int64 {@code [N]}, {@code item_vectors} float32 {@code [N, F]}); titles and categories,
 * when the catalogue has them, are JSON strings in {@code __metadata__}.
 */
final class ItemFile {
    static final String NAME = "items.safetensors";
    static final String IDS = "item_ids";
    static final String VECTORS = "item_vectors";
    static final String FORMAT = "pinnerformer-items/1";
    private static final String KEY_FORMAT = "pinnerformer.format";
    private static final String KEY_TITLES = "pinnerformer.titles";
    private static final String KEY_CATEGORY_NAMES = "pinnerformer.category_names";
    private static final String KEY_CATEGORIES = "pinnerformer.categories";
    private static final ObjectMapper JSON = new ObjectMapper();

    private ItemFile() {
    }

    static byte[] bytes(ItemCatalog items) {
        int n = items.size();
        int f = items.vectorSize();
        ObjectNode header = JSON.createObjectNode();
        ObjectNode meta = header.putObject("__metadata__");
        meta.put(KEY_FORMAT, FORMAT);
        boolean anyTitle = false;
        boolean anyCategory = false;
        ArrayNode titles = JSON.createArrayNode();
        ArrayNode categories = JSON.createArrayNode();
        for (int i = 0; i < n; i++) {
            Optional<String> t = items.title(i);
            anyTitle |= t.isPresent();
            if (t.isPresent()) {
                titles.add(t.get());
            } else {
                titles.addNull();
            }
            ArrayNode c = categories.addArray();
            for (int id : items.categories(i)) {
                c.add(id);
                anyCategory = true;
            }
        }
        try {
            if (anyTitle) {
                meta.put(KEY_TITLES, JSON.writeValueAsString(titles));
            }
            if (anyCategory) {
                meta.put(KEY_CATEGORY_NAMES, JSON.writeValueAsString(items.categoryNames()));
                meta.put(KEY_CATEGORIES, JSON.writeValueAsString(categories));
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        long idBytes = 8L * n;
        long vectorBytes = 4L * n * f;
        tensor(header, IDS, "I64", new long[] {n}, 0, idBytes);
        tensor(header, VECTORS, "F32", new long[] {n, f}, idBytes, idBytes + vectorBytes);
        byte[] h = header.toString().getBytes(StandardCharsets.UTF_8);
        int padded = (h.length + 7) & ~7;
        ByteBuffer b = ByteBuffer.allocate(Math.toIntExact(8 + padded + idBytes + vectorBytes))
                .order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(padded).put(h);
        for (int i = h.length; i < padded; i++) {
            b.put((byte) ' ');
        }
        for (int i = 0; i < n; i++) {
            b.putLong(items.itemId(i));
        }
        float[] v = new float[f];
        for (int i = 0; i < n; i++) {
            items.copyVector(i, v, 0);
            for (float x : v) {
                b.putFloat(x);
            }
        }
        return b.array();
    }

    private static void tensor(ObjectNode header, String name, String dtype, long[] shape, long from, long to) {
        ObjectNode t = header.putObject(name);
        t.put("dtype", dtype);
        ArrayNode s = t.putArray("shape");
        for (long x : shape) {
            s.add(x);
        }
        t.putArray("data_offsets").add(from).add(to);
    }

    /** Parses the file's bytes; {@code source} names it in errors. */
    static ItemCatalog parse(byte[] all, String source) {
        ByteBuffer b = ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN);
        if (all.length < 8) {
            throw bad(source, "it is shorter than the 8-byte header length");
        }
        long headerLength = b.getLong();
        if (headerLength <= 0 || headerLength > all.length - 8L) {
            throw bad(source, "its header length " + headerLength + " does not fit the file of " + all.length
                    + " bytes");
        }
        JsonNode header;
        try {
            header = JSON.readTree(new String(all, 8, (int) headerLength, StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw bad(source, "its header is not JSON: " + e.getOriginalMessage());
        }
        long dataStart = 8 + headerLength;
        JsonNode meta = header.path("__metadata__");
        if (!FORMAT.equals(meta.path(KEY_FORMAT).asText())) {
            throw bad(source, "its format is '" + meta.path(KEY_FORMAT).asText() + "', expected " + FORMAT);
        }
        long[] idRange = range(header, IDS, "I64", source, all.length - dataStart);
        long[] vecRange = range(header, VECTORS, "F32", source, all.length - dataStart);
        JsonNode idShape = header.get(IDS).get("shape");
        JsonNode vecShape = header.get(VECTORS).get("shape");
        if (idShape.size() != 1 || vecShape.size() != 2 || idShape.get(0).asLong() != vecShape.get(0).asLong()) {
            throw bad(source, "item_ids must be [N] and item_vectors [N, F], were " + idShape + " and " + vecShape);
        }
        int n = Math.toIntExact(idShape.get(0).asLong());
        int f = Math.toIntExact(vecShape.get(1).asLong());
        if (f <= 0 || idRange[1] - idRange[0] != 8L * n || vecRange[1] - vecRange[0] != 4L * n * f) {
            throw bad(source, "the tensors' byte ranges do not match their shapes");
        }
        List<String> titles = stringList(meta, KEY_TITLES, n, source);
        List<String> categoryNames = stringList(meta, KEY_CATEGORY_NAMES, -1, source);
        JsonNode categories = json(meta, KEY_CATEGORIES, source);
        ItemCatalog.Builder builder = ItemCatalog.builder(f);
        int[] categoryIds = new int[categoryNames == null ? 0 : categoryNames.size()];
        for (int c = 0; c < categoryIds.length; c++) {
            categoryIds[c] = builder.category(categoryNames.get(c));
        }
        ByteBuffer ids = b.duplicate().order(ByteOrder.LITTLE_ENDIAN).position((int) (dataStart + idRange[0]));
        ByteBuffer vec = b.duplicate().order(ByteOrder.LITTLE_ENDIAN).position((int) (dataStart + vecRange[0]));
        for (int i = 0; i < n; i++) {
            float[] v = new float[f];
            for (int c = 0; c < f; c++) {
                v[c] = vec.getFloat();
                if (!Float.isFinite(v[c])) {
                    throw bad(source, "item " + i + " has a non-finite value " + v[c]);
                }
            }
            int[] cats = new int[0];
            if (categories != null && categories.has(i)) {
                JsonNode c = categories.get(i);
                cats = new int[c.size()];
                for (int j = 0; j < cats.length; j++) {
                    cats[j] = categoryIds[c.get(j).asInt()];
                }
            }
            long id = ids.getLong();
            try {
                builder.add(id, v, titles == null ? null : titles.get(i), cats);
            } catch (IllegalArgumentException e) {
                throw bad(source, e.getMessage());
            }
        }
        return builder.build();
    }

    private static long[] range(JsonNode header, String name, String dtype, String source, long dataLength) {
        JsonNode t = header.get(name);
        if (t == null || !dtype.equals(t.path("dtype").asText()) || !t.path("shape").isArray()
                || t.path("data_offsets").size() != 2) {
            throw bad(source, "it has no " + dtype + " tensor " + name);
        }
        long from = t.get("data_offsets").get(0).asLong();
        long to = t.get("data_offsets").get(1).asLong();
        if (from < 0 || to < from || to > dataLength) {
            throw bad(source, "tensor " + name + " has byte range [" + from + ", " + to + ") outside the "
                    + dataLength + " bytes of data");
        }
        return new long[] {from, to};
    }

    private static JsonNode json(JsonNode meta, String key, String source) {
        if (!meta.has(key)) {
            return null;
        }
        try {
            return JSON.readTree(meta.get(key).asText());
        } catch (JsonProcessingException e) {
            throw bad(source, key + " is not JSON: " + e.getOriginalMessage());
        }
    }

    private static List<String> stringList(JsonNode meta, String key, int size, String source) {
        JsonNode a = json(meta, key, source);
        if (a == null) {
            return null;
        }
        if (!a.isArray() || (size >= 0 && a.size() != size)) {
            throw bad(source, key + " must be an array" + (size >= 0 ? " of " + size + " entries" : ""));
        }
        java.util.ArrayList<String> out = new java.util.ArrayList<>(a.size());
        for (JsonNode x : a) {
            out.add(x.isNull() ? null : x.asText());
        }
        return out;
    }

    private static CheckpointException bad(String source, String problem) {
        return new CheckpointException("cannot read the item file " + source + ": " + problem);
    }
}
