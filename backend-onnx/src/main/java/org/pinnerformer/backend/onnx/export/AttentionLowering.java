package org.pinnerformer.backend.onnx.export;

import static org.pinnerformer.backend.onnx.export.OnnxGraph.attr;
import static org.pinnerformer.backend.onnx.export.OnnxGraph.attrInts;

import java.util.List;

/**
 * The ONNX construction of {@link org.pinnerformer.spi.graph.Op.CausalSelfAttention}: projections with MatMul,
 * heads by Reshape/Transpose, scores masked by {@code Where(u <= t and valid[u] != 0, s, -FLT_MAX)}, Softmax, and
 * the output multiplied by 0 or 1 so that a query without any allowed key gives exactly 0 (the masked softmax of
 * such a query is finite, uniform over {@code -FLT_MAX}, never NaN). The causal mask is built from
 * {@code Range(0, T)} at run time, so T stays dynamic.
 */
final class AttentionLowering {
    private final OnnxGraph g;

    AttentionLowering(OnnxGraph g) {
        this.g = g;
    }

    private String op(String type, String... in) {
        return g.node(type, List.of(in));
    }

    private String slice(String x, int start, int end, int axis) {
        return op("Slice", x, g.longs(start), g.longs(end), g.longs(axis));
    }

    private String project(String x, String w, String b) {
        return op("Add", op("MatMul", x, g.node("Transpose", List.of(w))), b);
    }

    /** {@code [B, Tq, H]} to {@code [B, heads, Tq, dh]}, or with {@code keys} to {@code [B, heads, dh, Tq]}. */
    private String split(String x, int heads, int dh, boolean keys) {
        String r = op("Reshape", x, g.longs(0, 0, heads, dh));
        return g.node("Transpose", List.of(r), keys ? attrInts("perm", 0, 2, 3, 1) : attrInts("perm", 0, 2, 1, 3));
    }

    String lower(String x, String inW, String inB, String outW, String outB, String valid, int h, int heads,
            boolean newestOnly) {
        int dh = h / heads;
        String q;
        String k;
        String v;
        String keyMask = op("Unsqueeze", op("Not", op("Equal", valid, g.scalar(0))), g.longs(1, 2));
        String allowed;
        if (newestOnly) {
            String newest = g.node("Gather", List.of(x, g.constantLongs(new long[] {-1})), attr("axis", 1L));
            q = project(op("Unsqueeze", newest, g.longs(1)), slice(inW, 0, h, 0), slice(inB, 0, h, 0));
            String kv = project(x, slice(inW, h, 3 * h, 0), slice(inB, h, 3 * h, 0));
            k = slice(kv, 0, h, -1);
            v = slice(kv, h, 2 * h, -1);
            allowed = keyMask;
        } else {
            String qkv = project(x, inW, inB);
            q = slice(qkv, 0, h, -1);
            k = slice(qkv, h, 2 * h, -1);
            v = slice(qkv, 2 * h, 3 * h, -1);
            String t = g.node("Gather", List.of(op("Shape", x), g.constantLongs(new long[] {1})), attr("axis", 0L));
            String positions = op("Range", g.constantLongs(new long[] {0}), t, g.constantLongs(new long[] {1}));
            String causal = op("LessOrEqual", op("Unsqueeze", positions, g.longs(0)),
                    op("Unsqueeze", positions, g.longs(1)));
            allowed = op("And", keyMask, causal);
        }
        String scores = op("Mul", op("MatMul", split(q, heads, dh, false), split(k, heads, dh, true)),
                g.scalar(1 / Math.sqrt(dh)));
        String masked = op("Where", allowed, scores, g.scalar(-Float.MAX_VALUE));
        String weights = g.node("Softmax", List.of(masked), attr("axis", -1L));
        String context = op("MatMul", weights, split(v, heads, dh, false));
        String merged = op("Reshape", g.node("Transpose", List.of(context), attrInts("perm", 0, 2, 1, 3)),
                g.longs(0, 0, h));
        String y = project(merged, outW, outB);
        String allowedF = g.node("Cast", List.of(allowed), attr("to", (long) OnnxGraph.FLOAT));
        String hasKey = op("Squeeze", g.node("ReduceMax", List.of(allowedF), attrInts("axes", -1),
                attr("keepdims", 1L)), g.longs(1));
        String out = op("Mul", y, hasKey);
        return newestOnly ? op("Squeeze", out, g.longs(1)) : out;
    }
}
