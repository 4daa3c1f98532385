package org.pinnerformer.spi.graph;

import java.util.List;

/** The shape rule of every op: the result type of an op applied to operands, or a sentence why it does not fit. */
final class ShapeRules implements OpVisitor<TensorType> {
    private final Op op;
    private final List<TensorType> in;

    private ShapeRules(Op op, List<TensorType> in) {
        this.op = op;
        this.in = in;
    }

    /**
     * The result type.
     *
     * @throws IllegalArgumentException naming the op and the operand shapes when they do not fit
     */
    static TensorType resultType(Op op, List<TensorType> operands) {
        return op.accept(new ShapeRules(op, List.copyOf(operands)));
    }

    private IllegalArgumentException fail(String reason) {
        String name = op.toString().endsWith("[]") ? op.name() : op.toString();
        return new IllegalArgumentException(name + " cannot be applied to " + in + ": " + reason);
    }

    private void arity(int n, String names) {
        if (in.size() != n) {
            throw fail("it takes " + n + " operand" + (n == 1 ? "" : "s") + " (" + names + "), got " + in.size());
        }
    }

    private Shape f32(int i, String name) {
        if (in.get(i).dtype() != DType.FLOAT32) {
            throw fail(name + " must be float32");
        }
        return in.get(i).shape();
    }

    private Shape i32(int i, String name) {
        if (in.get(i).dtype() != DType.INT32) {
            throw fail(name + " must be int32");
        }
        return in.get(i).shape();
    }

    private void rank(Shape s, String name, int min) {
        if (s.rank() < min) {
            throw fail(name + " must have rank >= " + min + ", has " + s.rank());
        }
    }

    private void exactRank(Shape s, String name, int r) {
        if (s.rank() != r) {
            throw fail(name + " must have rank " + r + ", has " + s.rank());
        }
    }

    private void same(Object a, Object b, String what) {
        if (!a.equals(b)) {
            throw fail(what + " must be equal, were " + a + " and " + b);
        }
    }

    private TensorType unary() {
        arity(1, "x");
        return TensorType.f32(f32(0, "x"));
    }

    private TensorType broadcast() {
        arity(2, "a, b");
        Shape a = f32(0, "a");
        Shape b = f32(1, "b");
        if (!a.endsWith(b)) {
            throw fail("the shape of b must equal the trailing dimensions of a");
        }
        return TensorType.f32(a);
    }

    @Override
    public TensorType visit(Op.Linear o) {
        arity(3, "x, W, b");
        Shape x = f32(0, "x");
        Shape w = f32(1, "W");
        Shape b = f32(2, "b");
        rank(x, "x", 1);
        exactRank(w, "W", 2);
        exactRank(b, "b", 1);
        same(x.last(), w.dim(1), "the last dimension of x and the input size of W");
        same(w.dim(0), b.dim(0), "the output size of W and the size of b");
        return TensorType.f32(x.withLast(w.dim(0)));
    }

    @Override
    public TensorType visit(Op.LayerNorm o) {
        arity(3, "x, gamma, beta");
        Shape x = f32(0, "x");
        rank(x, "x", 1);
        same(Shape.of(x.last()), f32(1, "gamma"), "the last dimension of x and the shape of gamma");
        same(Shape.of(x.last()), f32(2, "beta"), "the last dimension of x and the shape of beta");
        return TensorType.f32(x);
    }

    @Override
    public TensorType visit(Op.Gelu o) {
        return unary();
    }

    @Override
    public TensorType visit(Op.Gather o) {
        arity(2, "x, idx");
        Shape x = f32(0, "x");
        Shape idx = i32(1, "idx");
        rank(x, "x", 2);
        return TensorType.f32(idx.append(x.last()));
    }

    @Override
    public TensorType visit(Op.Reshape o) {
        arity(1, "x");
        Shape x = f32(0, "x");
        if (!symbols(x).equals(symbols(o.shape())) || fixedProduct(x) != fixedProduct(o.shape())) {
            throw fail("the target shape " + o.shape()
                    + " must have the same symbolic dimensions in order and the same product of fixed dimensions");
        }
        return TensorType.f32(o.shape());
    }

    private static List<Dim> symbols(Shape s) {
        return s.dims().stream().filter(d -> !d.isFixed()).toList();
    }

    private static long fixedProduct(Shape s) {
        long p = 1;
        for (Dim d : s.dims()) {
            if (d.isFixed()) {
                p *= d.size();
            }
        }
        return p;
    }

    @Override
    public TensorType visit(Op.Concat o) {
        if (in.isEmpty()) {
            throw fail("it needs at least one operand");
        }
        Shape first = f32(0, "operand 0");
        rank(first, "operand 0", 1);
        Dim total = first.last();
        for (int i = 1; i < in.size(); i++) {
            Shape s = f32(i, "operand " + i);
            rank(s, "operand " + i, 1);
            same(first.withoutLast(), s.withoutLast(), "the leading dimensions of operand 0 and operand " + i);
            total = total.plus(s.last());
        }
        return TensorType.f32(first.withLast(total));
    }

    @Override
    public TensorType visit(Op.Add o) {
        return broadcast();
    }

    @Override
    public TensorType visit(Op.Sub o) {
        return broadcast();
    }

    @Override
    public TensorType visit(Op.Mul o) {
        return broadcast();
    }

    @Override
    public TensorType visit(Op.Div o) {
        return broadcast();
    }

    @Override
    public TensorType visit(Op.ScaleShift o) {
        return unary();
    }

    @Override
    public TensorType visit(Op.Cos o) {
        return unary();
    }

    @Override
    public TensorType visit(Op.Sin o) {
        return unary();
    }

    @Override
    public TensorType visit(Op.Softplus o) {
        return unary();
    }

    @Override
    public TensorType visit(Op.SelectLast o) {
        arity(1, "x");
        Shape x = f32(0, "x");
        exactRank(x, "x", 3);
        return TensorType.f32(Shape.of(x.dim(0), x.dim(2)));
    }

    @Override
    public TensorType visit(Op.SliceLastAxis o) {
        arity(1, "x");
        Shape x = f32(0, "x");
        rank(x, "x", 1);
        if (!x.last().isFixed() || o.end() > x.last().size()) {
            throw fail("the slice [" + o.start() + ", " + o.end() + ") must lie inside the fixed last dimension");
        }
        return TensorType.f32(x.withLast(Dim.of(o.end() - o.start())));
    }

    @Override
    public TensorType visit(Op.CausalSelfAttention o) {
        if (o.dropout() > 0) {
            arity(7, "x, in_proj_weight, in_proj_bias, out_proj.weight, out_proj.bias, valid, seed");
            seed(6);
        } else {
            arity(6, "x, in_proj_weight, in_proj_bias, out_proj.weight, out_proj.bias, valid");
        }
        Shape x = f32(0, "x");
        exactRank(x, "x", 3);
        Dim h = x.dim(2);
        if (!h.isFixed() || h.size() % o.heads() != 0) {
            throw fail("the hidden size " + h + " must be fixed and divisible by heads=" + o.heads());
        }
        Dim h3 = Dim.of(3 * h.size());
        same(Shape.of(h3, h), f32(1, "in_proj_weight"), "[3H, H] and the shape of in_proj_weight");
        same(Shape.of(h3), f32(2, "in_proj_bias"), "[3H] and the shape of in_proj_bias");
        same(Shape.of(h, h), f32(3, "out_proj.weight"), "[H, H] and the shape of out_proj.weight");
        same(Shape.of(h), f32(4, "out_proj.bias"), "[H] and the shape of out_proj.bias");
        same(Shape.of(x.dim(0), x.dim(1)), f32(5, "valid"), "[B, T] of x and the shape of valid");
        return TensorType.f32(o.newestOnly() ? Shape.of(x.dim(0), h) : x);
    }

    @Override
    public TensorType visit(Op.Dropout o) {
        arity(2, "x, seed");
        Shape x = f32(0, "x");
        seed(1);
        return TensorType.f32(x);
    }

    private void seed(int i) {
        exactRank(i32(i, "seed"), "seed", 0);
    }

    @Override
    public TensorType visit(Op.L2Normalize o) {
        TensorType t = unary();
        rank(t.shape(), "x", 1);
        return t;
    }

    @Override
    public TensorType visit(Op.MatMulTransposed o) {
        arity(2, "a, b");
        Shape a = f32(0, "a");
        Shape b = f32(1, "b");
        exactRank(a, "a", 2);
        exactRank(b, "b", 2);
        same(a.dim(1), b.dim(1), "the last dimensions of a and b");
        return TensorType.f32(Shape.of(a.dim(0), b.dim(0)));
    }

    @Override
    public TensorType visit(Op.MaskedFill o) {
        arity(2, "x, mask");
        Shape x = f32(0, "x");
        same(x, f32(1, "mask"), "the shapes of x and mask");
        return TensorType.f32(x);
    }

    @Override
    public TensorType visit(Op.LogSumExp o) {
        arity(1, "x");
        Shape x = f32(0, "x");
        rank(x, "x", 1);
        return TensorType.f32(x.withoutLast());
    }

    @Override
    public TensorType visit(Op.Diagonal o) {
        arity(1, "x");
        Shape x = f32(0, "x");
        exactRank(x, "x", 2);
        same(x.dim(0), x.dim(1), "the two dimensions of x");
        return TensorType.f32(Shape.of(x.dim(0)));
    }

    @Override
    public TensorType visit(Op.WeightedSum o) {
        arity(2, "x, w");
        Shape x = f32(0, "x");
        exactRank(x, "x", 1);
        same(x, f32(1, "w"), "the shapes of x and w");
        return TensorType.f32(Shape.scalar());
    }
}
