package org.pinnerformer.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import org.pinnerformer.api.Checkpoint;
import org.pinnerformer.api.ModelSpec;
import org.pinnerformer.api.Vocabulary;

/**
 * THE table of every parameter of a PinnerFormer model: names (PyTorch style) and shapes, for a {@link ModelSpec}
 * and the sizes of its two vocabularies. The graphs, the initialiser, the validator and {@code docs/checkpoint.md}
 * all derive from {@link #table()}; a test keeps the document in step.
 *
 * <p>Symbols in {@link #table()}: {@code F} item vector size, {@code Ea}/{@code Es} action/surface embedding
 * sizes, {@code nA}/{@code nS} vocabulary sizes (row 0 of those tables is padding), {@code buckets} item-id hash
 * buckets, {@code A} {@link ModelSpec#timeAngleCount()}, {@code D_in} {@link ModelSpec#inputSize()}, {@code H}
 * hidden size, {@code M} maximum sequence length, {@code D} output size, {@code {i}} the block index
 * {@code 0 .. L-1}.
 */
public final class ModelParameters {

    /**
     * One row of the symbolic table.
     *
     * @param name the tensor name; {@code {i}} stands for the block index
     * @param shape the shape in symbols, e.g. {@code [nA+1, Ea]}; {@code []} for a scalar
     * @param presentWhen when the tensor exists, in words ({@code always} or the ModelSpec switch)
     */
    public record Row(String name, String shape, String presentWhen) {
        /** Validates. */
        public Row {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(shape, "shape");
            Objects.requireNonNull(presentWhen, "presentWhen");
        }
    }

    private record Template(Row row, Predicate<ModelSpec> present) {
    }

    private static final List<Template> TEMPLATES = List.of(
            t("action_embedding.weight", "[nA+1, Ea]", "actionEmbeddingSize > 0", s -> s.actionEmbeddingSize() > 0),
            t("surface_embedding.weight", "[nS+1, Es]", "surfaceEmbeddingSize > 0",
                    s -> s.surfaceEmbeddingSize() > 0),
            t("item_id_embedding.weight", "[buckets, F]", "itemIdHashBuckets > 0 or exact item ids",
                    s -> s.itemIdRows() > 0),
            t("time_phase", "[2A]", "timeFeatures", ModelSpec::timeFeatures),
            t("input_projection.weight", "[H, D_in]", "always", s -> true),
            t("input_projection.bias", "[H]", "always", s -> true),
            t("position_embedding.weight", "[M, H]", "positionEmbedding", ModelSpec::positionEmbedding),
            t("blocks.{i}.norm1.weight", "[H]", "always", s -> true),
            t("blocks.{i}.norm1.bias", "[H]", "always", s -> true),
            t("blocks.{i}.attention.in_proj_weight", "[3H, H]", "always", s -> true),
            t("blocks.{i}.attention.in_proj_bias", "[3H]", "always", s -> true),
            t("blocks.{i}.attention.out_proj.weight", "[H, H]", "always", s -> true),
            t("blocks.{i}.attention.out_proj.bias", "[H]", "always", s -> true),
            t("blocks.{i}.norm2.weight", "[H]", "always", s -> true),
            t("blocks.{i}.norm2.bias", "[H]", "always", s -> true),
            t("blocks.{i}.ffn.0.weight", "[4H, H]", "always", s -> true),
            t("blocks.{i}.ffn.0.bias", "[4H]", "always", s -> true),
            t("blocks.{i}.ffn.2.weight", "[H, 4H]", "always", s -> true),
            t("blocks.{i}.ffn.2.bias", "[H]", "always", s -> true),
            t("output_norm.weight", "[H]", "always", s -> true),
            t("output_norm.bias", "[H]", "always", s -> true),
            t("output_mlp.0.weight", "[4H, H]", "always", s -> true),
            t("output_mlp.0.bias", "[4H]", "always", s -> true),
            t("output_mlp.2.weight", "[D, 4H]", "always", s -> true),
            t("output_mlp.2.bias", "[D]", "always", s -> true),
            t("item_tower.0.weight", "[H, F]", "always", s -> true),
            t("item_tower.0.bias", "[H]", "always", s -> true),
            t("item_tower.2.weight", "[D, H]", "always", s -> true),
            t("item_tower.2.bias", "[D]", "always", s -> true),
            t("temperature", "[]", "always", s -> true));

    private static Template t(String name, String shape, String when, Predicate<ModelSpec> present) {
        return new Template(new Row(name, shape, when), present);
    }

    private final ModelSpec spec;
    private final int actionTypes;
    private final int surfaces;
    private final Map<String, int[]> shapes;

    private ModelParameters(ModelSpec spec, int actionTypes, int surfaces) {
        this.spec = Objects.requireNonNull(spec, "spec");
        if (actionTypes <= 0 || surfaces <= 0) {
            throw new IllegalArgumentException("vocabulary sizes must be > 0, were actionTypes=" + actionTypes
                    + ", surfaces=" + surfaces);
        }
        this.actionTypes = actionTypes;
        this.surfaces = surfaces;
        Map<String, Integer> sym = Map.of("F", spec.itemVectorSize(), "Ea", spec.actionEmbeddingSize(), "Es",
                spec.surfaceEmbeddingSize(), "nA", actionTypes, "nS", surfaces, "buckets", spec.itemIdRows(),
                "A", spec.timeAngleCount(), "D_in", spec.inputSize(), "H", spec.hiddenSize(), "M",
                spec.maxSequenceLength());
        Map<String, Integer> symbols = new LinkedHashMap<>(sym);
        symbols.put("D", spec.outputSize());
        Map<String, int[]> out = new LinkedHashMap<>();
        for (Template tpl : TEMPLATES) {
            if (!tpl.present().test(spec)) {
                continue;
            }
            int[] shape = evaluate(tpl.row().shape(), symbols);
            if (tpl.row().name().contains("{i}")) {
                for (int i = 0; i < spec.layers(); i++) {
                    out.put(tpl.row().name().replace("{i}", Integer.toString(i)), shape);
                }
            } else {
                out.put(tpl.row().name(), shape);
            }
        }
        this.shapes = Collections.unmodifiableMap(out);
    }

    /** The parameters of a model with this spec and these vocabularies. */
    public static ModelParameters of(ModelSpec spec, Vocabulary actionTypes, Vocabulary surfaces) {
        return new ModelParameters(spec, actionTypes.size(), surfaces.size());
    }

    /** The parameters a checkpoint must hold, from its spec and vocabularies. */
    public static ModelParameters of(Checkpoint checkpoint) {
        return of(checkpoint.spec(), checkpoint.actionTypes(), checkpoint.surfaces());
    }

    /** The symbolic table every model's parameters follow (one row per tensor name pattern). */
    public static List<Row> table() {
        return TEMPLATES.stream().map(Template::row).toList();
    }

    /** The spec. */
    public ModelSpec spec() {
        return spec;
    }

    /** nA, the number of action types (the action embedding has nA + 1 rows). */
    public int actionTypeCount() {
        return actionTypes;
    }

    /** nS, the number of surfaces (the surface embedding has nS + 1 rows). */
    public int surfaceCount() {
        return surfaces;
    }

    /** Every parameter name, in table order (blocks in index order). */
    public List<String> names() {
        return List.copyOf(shapes.keySet());
    }

    /** Whether the model has a parameter of that name. */
    public boolean contains(String name) {
        return shapes.containsKey(name);
    }

    /**
     * The shape of a parameter.
     *
     * @throws IllegalArgumentException if the model has no parameter of that name
     */
    public int[] shape(String name) {
        int[] s = shapes.get(name);
        if (s == null) {
            throw new IllegalArgumentException("the model has no parameter '" + name + "' (spec " + spec + ")");
        }
        return s.clone();
    }

    /** The total number of parameter values. */
    public long size() {
        long n = 0;
        for (int[] s : shapes.values()) {
            n += Arrays.stream(s).asLongStream().reduce(1, (a, b) -> a * b);
        }
        return n;
    }

    /** Evaluates a symbolic shape such as {@code [nA+1, Ea]} or {@code [3H, H]}. */
    static int[] evaluate(String shape, Map<String, Integer> symbols) {
        String body = shape.substring(1, shape.length() - 1).trim();
        if (body.isEmpty()) {
            return new int[0];
        }
        List<Integer> dims = new ArrayList<>();
        for (String term : body.split(",")) {
            String s = term.trim();
            int plus = 0;
            int at = s.indexOf('+');
            if (at >= 0) {
                plus = Integer.parseInt(s.substring(at + 1));
                s = s.substring(0, at);
            }
            int k = 0;
            while (k < s.length() && Character.isDigit(s.charAt(k))) {
                k++;
            }
            int factor = k == 0 ? 1 : Integer.parseInt(s.substring(0, k));
            Integer v = symbols.get(s.substring(k));
            if (v == null) {
                throw new IllegalStateException("unknown symbol in shape " + shape);
            }
            dims.add(factor * v + plus);
        }
        return dims.stream().mapToInt(Integer::intValue).toArray();
    }
}
