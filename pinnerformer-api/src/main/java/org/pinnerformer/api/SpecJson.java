package org.pinnerformer.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The JSON form of a {@link ModelSpec} and a {@link Vocabulary} in a checkpoint's metadata. Field names
 * are snake_case and stable; a missing or mistyped field is an {@link IllegalArgumentException} naming it. The
 * three dropout rates are written only when &gt; 0 and read as 0 when absent, so checkpoints written before dropout
 * existed still load, and a spec without dropout writes exactly the JSON it always did.
 */
final class SpecJson {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private SpecJson() {
    }

    static ObjectNode specToJson(ModelSpec s) {
        ObjectNode o = NODES.objectNode();
        o.put("item_vector_size", s.itemVectorSize());
        o.put("action_embedding_size", s.actionEmbeddingSize());
        o.put("surface_embedding_size", s.surfaceEmbeddingSize());
        o.put("hidden_size", s.hiddenSize());
        o.put("layers", s.layers());
        o.put("heads", s.heads());
        o.put("max_sequence_length", s.maxSequenceLength());
        o.put("output_size", s.outputSize());
        o.put("item_id_hash_buckets", s.itemIdHashBuckets());
        o.put("time_features", s.timeFeatures());
        o.put("duration_feature", s.durationFeature());
        o.put("position_embedding", s.positionEmbedding());
        ArrayNode abs = o.putArray("absolute_periods_seconds");
        for (double p : s.absolutePeriodsSeconds()) {
            abs.add(p);
        }
        ArrayNode rel = o.putArray("relative_periods_seconds");
        for (double p : s.relativePeriodsSeconds()) {
            rel.add(p);
        }
        o.put("layer_norm_epsilon", s.layerNormEpsilon());
        putRate(o, "input_dropout", s.inputDropout());
        putRate(o, "attention_dropout", s.attentionDropout());
        putRate(o, "residual_dropout", s.residualDropout());
        if (s.exactItemIds()) {
            // written only when on, so specs without exact ids keep their JSON (and their model ids) unchanged
            ArrayNode ids = o.putArray("item_id_vocabulary");
            for (long id : s.itemIdVocabulary()) {
                ids.add(id);
            }
        }
        return o;
    }

    static ModelSpec specFromJson(JsonNode o) {
        if (o == null || !o.isObject()) {
            throw new IllegalArgumentException("the spec must be a JSON object");
        }
        return new ModelSpec(
                integer(o, "item_vector_size"),
                integer(o, "action_embedding_size"),
                integer(o, "surface_embedding_size"),
                integer(o, "hidden_size"),
                integer(o, "layers"),
                integer(o, "heads"),
                integer(o, "max_sequence_length"),
                integer(o, "output_size"),
                integer(o, "item_id_hash_buckets"),
                bool(o, "time_features"),
                bool(o, "duration_feature"),
                bool(o, "position_embedding"),
                doubles(o, "absolute_periods_seconds"),
                doubles(o, "relative_periods_seconds"),
                number(o, "layer_norm_epsilon"),
                optionalNumber(o, "input_dropout"),
                optionalNumber(o, "attention_dropout"),
                optionalNumber(o, "residual_dropout"),
                longs(o, "item_id_vocabulary"));
    }

    /** An optional array of integers: absent means empty (checkpoints from before exact item ids). */
    private static long[] longs(JsonNode o, String name) {
        JsonNode v = o.get(name);
        if (v == null || v.isNull()) {
            return new long[0];
        }
        if (!v.isArray()) {
            throw new IllegalArgumentException("spec field '" + name + "' must be an array of integers, was " + v);
        }
        long[] out = new long[v.size()];
        for (int i = 0; i < out.length; i++) {
            JsonNode e = v.get(i);
            if (!e.isIntegralNumber() || !e.canConvertToLong()) {
                throw new IllegalArgumentException("spec field '" + name + "[" + i + "]' must be an integer, was "
                        + e);
            }
            out[i] = e.longValue();
        }
        return out;
    }

    private static void putRate(ObjectNode o, String name, double rate) {
        if (rate != 0) {
            o.put(name, rate);
        }
    }

    /** A number that older checkpoints do not have: absent (or null) is 0. */
    private static double optionalNumber(JsonNode o, String name) {
        JsonNode v = o.get(name);
        return v == null || v.isNull() ? 0 : number(o, name);
    }

    static ArrayNode vocabularyToJson(Vocabulary v) {
        ArrayNode a = NODES.arrayNode();
        v.tokens().forEach(a::add);
        return a;
    }

    static Vocabulary vocabularyFromJson(JsonNode a) {
        if (a == null || !a.isArray()) {
            throw new IllegalArgumentException("a vocabulary must be a JSON array of strings");
        }
        List<String> tokens = new ArrayList<>();
        for (JsonNode t : a) {
            if (!t.isTextual()) {
                throw new IllegalArgumentException("vocabulary token " + t + " is not a string");
            }
            tokens.add(t.asText());
        }
        return new Vocabulary(tokens);
    }

    private static JsonNode field(JsonNode o, String name) {
        JsonNode v = o.get(name);
        if (v == null || v.isNull()) {
            throw new IllegalArgumentException("spec field '" + name + "' is missing");
        }
        return v;
    }

    private static int integer(JsonNode o, String name) {
        JsonNode v = field(o, name);
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            throw new IllegalArgumentException("spec field '" + name + "' must be an integer, was " + v);
        }
        return v.intValue();
    }

    private static boolean bool(JsonNode o, String name) {
        JsonNode v = field(o, name);
        if (!v.isBoolean()) {
            throw new IllegalArgumentException("spec field '" + name + "' must be true or false, was " + v);
        }
        return v.booleanValue();
    }

    private static double number(JsonNode o, String name) {
        JsonNode v = field(o, name);
        if (!v.isNumber()) {
            throw new IllegalArgumentException("spec field '" + name + "' must be a number, was " + v);
        }
        return v.doubleValue();
    }

    private static double[] doubles(JsonNode o, String name) {
        JsonNode v = field(o, name);
        if (!v.isArray()) {
            throw new IllegalArgumentException("spec field '" + name + "' must be an array of numbers");
        }
        double[] out = new double[v.size()];
        for (int i = 0; i < out.length; i++) {
            if (!v.get(i).isNumber()) {
                throw new IllegalArgumentException("spec field '" + name + "[" + i + "]' must be a number");
            }
            out[i] = v.get(i).doubleValue();
        }
        return out;
    }
}
