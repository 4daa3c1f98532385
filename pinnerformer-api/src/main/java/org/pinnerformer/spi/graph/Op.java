package org.pinnerformer.spi.graph;

import java.util.Objects;

/**
 * The operation vocabulary: every op a PinnerFormer graph uses, as records that hold only attributes (the
 * operands are the {@link Node}'s inputs). A backend lowers a graph with an {@link OpVisitor}, so adding an op
 * breaks every backend's build until it is handled. Each op states its operands, its shape rule and its exact
 * formula; {@code ...} stands for any leading dimensions, and "last axis" is the innermost one.
 *
 * <p>Broadcasting is restricted to one rule, used by {@link Add}, {@link Sub}, {@link Mul} and {@link Div}: the
 * second operand's shape must equal the TRAILING dimensions of the first's (a scalar {@code []} is a suffix of
 * every shape), and the result has the first operand's shape.
 */
public sealed interface Op {

    /** Calls the visitor's method for this op. */
    <R> R accept(OpVisitor<R> visitor);

    /** A short name for messages ({@code Linear}, {@code LayerNorm}, ...). */
    default String name() {
        return getClass().getSimpleName();
    }

    /**
     * Fully connected layer, PyTorch layout. Operands: {@code x [..., in]}, {@code W [out, in]}, {@code b [out]};
     * result {@code [..., out]}: {@code y[..., o] = sum_i x[..., i] W[o, i] + b[o]}.
     */
    record Linear() implements Op {
        @Override
        public <R> R accept(OpVisitor<R> v) {
            return v.visit(this);
        }
    }

    /**
     * Layer normalisation over the last axis. Operands: {@code x [..., H]}, {@code gamma [H]}, {@code beta [H]};
     * result {@code [..., H]}: {@code y = (x - mean) / sqrt(var + epsilon) * gamma + beta} with the mean and the
     * biased variance ({@code mean((x - mean)^2)}) of the last axis.
     *
     * @param epsilon the ModelSpec's layer-norm epsilon, &gt; 0
     */
    record LayerNorm(double epsilon) implements Op {
        /** Validates. */
        public LayerNorm {
            if (!(epsilon > 0) || !Double.isFinite(epsilon)) {
                throw new IllegalArgumentException("epsilon must be > 0, was " + epsilon);
            }
        }

        @Override
        public <R> R accept(OpVisitor<R> v) {
            return v.visit(this);
        }
    }

    /**
     * GELU, exact (erf) form, PyTorch's default. Operand {@code x}; result of the same shape:
     * {@code y = 0.5 x (1 + erf(x / sqrt 2))}.
     */
    record Gelu() implements Op {
        @Override
        public <R> R accept(OpVisitor<R> v) {
            return v.visit(this);
        }
    }

    /**
     * Row lookup (embedding tables and gathers). Operands: {@code x [..., D]} float of rank &gt;= 2, whose leading
     * dimensions are flattened into {@code n} rows, and int32 indices {@code idx [S...]} of any shape; result
     * {@code [S..., D]}: {@code y[s, :] = reshape(x, [n, D])[idx[s], :]}. An index outside {@code [0, n)} is an
     * error when the graph runs.
     */
    record Gather() implements Op {
        @Override
        public <R> R accept(OpVisitor<R> v) {
            return v.visit(this);
        }
    }

    /**
     * Reinterprets the row-major data with another shape. Operand {@code x}; result {@code shape}. The symbolic
     * dimensions of {@code x} and {@code shape} must be the same, in the same order, and the products of their
     * fixed dimensions equal, so the element count provably does not change.
     *
     * @param shape the result's shape
     */
    record Reshape(Shape shape) implements Op {
        /** Validates. */
        public Reshape {
            Objects.requireNonNull(shape, "shape");
        }

        @Override
        public <R> R accept(OpVisitor<R> v) {
            return v.visit(this);
        }
    }

    /**
     * Concatenation along the last axis. Operands: one or more float tensors {@code [..., d_k]} with equal leading
     * dimensions; result {@code [..., d_1 + ... + d_k]}, operands in order.
     */
    record Concat() implements Op {
        @Override
        public <R> R accept(OpVisitor<R> v) {
            return v.visit(this);
        }
    }

    /** Elementwise {@code y = a + b}, with the trailing broadcast of {@link Op}. Operands: {@code a}, {@code b}. */
    record Add() implements Op {
        @Override
        public <R> R accept(OpVisitor<R> v) {
            return v.visit(this);
        }
    }

    /** Elementwise {@code y = a - b}, with the trailing broadcast of {@link Op}. Operands: {@code a}, {@code b}. */
    record Sub() implements Op {
        @Override
        public <R> R accept(OpVisitor<R> v) {
            return v.visit(this);
        }
    }

    /** Elementwise {@code y = a * b}, with the trailing broadcast of {@link Op}. Operands: {@code a}, {@code b}. */
    record Mul() implements Op {
        @Override
        public <R> R accept(OpVisitor<R> v) {
            return v.visit(this);
        }
    }

    /**
     * Elementwise {@code y = a / b}, with the trailing broadcast of {@link Op}. Operands: {@code a}, {@code b};
     * graphs only divide by values that are positive by construction (the temperature).
     */
    record Div() implements Op {
        @Override
        public <R> R accept(OpVisitor<R> v) {
            return v.visit(this);
        }
    }

    /**
     * Elementwise affine map by constants: {@code y = scale * x + shift}. Operand {@code x}; same shape.
     *
     * @param scale the finite factor
     * @param shift the finite offset
     */
    record ScaleShift(double scale, double shift) implements Op {
        /** Validates. */
        public ScaleShift {
            if (!Double.isFinite(scale) || !Double.isFinite(shift)) {
                throw new IllegalArgumentException("scale and shift must be finite, were " + scale + " and " + shift);
            }
        }

        @Override
        public <R> R accept(OpVisitor<R> v) {
            return v.visit(this);
        }
    }

    /** Elementwise {@code y = cos(x)} (radians). */
    record Cos() implements Op {
        @Override
        public <R> R accept(OpVisitor<R> v) {
            return v.visit(this);
        }
    }

    /** Elementwise {@code y = sin(x)} (radians). */
    record Sin() implements Op {
        @Override
        public <R> R accept(OpVisitor<R> v) {
            return v.visit(this);
        }
    }

    /**
     * Elementwise softplus, {@code y = log(1 + exp(x))}, evaluated stably as {@code max(x, 0) + log1p(exp(-|x|))}.
     */
    record Softplus() implements Op {
        @Override
        public <R> R accept(OpVisitor<R> v) {
            return v.visit(this);
        }
    }

    /** The newest (last) position of a sequence: {@code x [B, T, H]} to {@code y [B, H]}, {@code y[b] = x[b, T-1]}. */
    record SelectLast() implements Op {
        @Override
        public <R> R accept(OpVisitor<R> v) {
            return v.visit(this);
        }
    }

    /**
     * A slice of the last axis: {@code x [..., d]} to {@code y [..., end - start]},
     * {@code y[..., j] = x[..., start + j]}.
     *
     * @param start first index, &gt;= 0
     * @param end one past the last index, &gt; start and &lt;= d
     */
    record SliceLastAxis(int start, int end) implements Op {
        /** Validates. */
        public SliceLastAxis {
            if (start < 0 || end <= start) {
                throw new IllegalArgumentException("a slice needs 0 <= start < end, was start=" + start + ", end="
                        + end);
            }
        }

        @Override
        public <R> R accept(OpVisitor<R> v) {
            return v.visit(this);
        }
    }

    /**
     * Fused causal multi-head self-attention with a key padding mask, PyTorch {@code nn.MultiheadAttention}
     * layout. Operands: {@code x [B, T, H]}, {@code in_proj_weight [3H, H]}, {@code in_proj_bias [3H]},
     * {@code out_proj.weight [H, H]}, {@code out_proj.bias [H]}, {@code valid [B, T]} (1 = real action,
     * 0 = padding). With {@code dh = H / heads}:
     * <pre>
     *   [q | k | v] = x W_in^T + b_in                      (each [B, T, H]; head h uses columns h*dh .. h*dh+dh-1)
     *   s[b,h,t,u]  = q_h[b,t] . k_h[b,u] / sqrt(dh)        for keys u &lt;= t with valid[b,u] = 1
     *   a[b,h,t,:]  = softmax_u(s[b,h,t,:])                 over those keys only
     *   o[b,t]      = concat_h(sum_u a[b,h,t,u] v_h[b,u])
     *   y[b,t]      = o[b,t] W_out^T + b_out                if query t has at least one such key
     *   y[b,t]      = 0                                     otherwise (never NaN)
     * </pre>
     * Result {@code [B, T, H]}, or with {@code newestOnly} only the query {@code t = T-1}: result {@code [B, H]},
     * equal to {@code y[:, T-1]} (keys and values still come from every position).
     *
     * <p>With {@code dropout > 0} (training graphs only) the attention probabilities are dropped out as
     * {@link Dropout} defines it, {@code a' = a * m / (1 - dropout)}, before they weigh the values, and a seventh
     * operand, the int32 scalar step seed of {@link Dropout}, determines the mask.
     *
     * @param heads the number of heads; must divide H
     * @param newestOnly whether only the newest position is queried
     * @param dropout the dropout rate of the attention probabilities, {@code 0 <= dropout < 1} (0 = none)
     */
    record CausalSelfAttention(int heads, boolean newestOnly, double dropout) implements Op {
        /** Validates. */
        public CausalSelfAttention {
            if (heads <= 0) {
                throw new IllegalArgumentException("heads must be > 0, was " + heads);
            }
            Dropout.checkRate("dropout", dropout);
        }

        /**
         * Attention without dropout.
         *
         * @param heads the number of heads; must divide H
         * @param newestOnly whether only the newest position is queried
         */
        public CausalSelfAttention(int heads, boolean newestOnly) {
            this(heads, newestOnly, 0);
        }

        /** The record form, leaving out a dropout of 0 (so messages read as they did before dropout existed). */
        @Override
        public String toString() {
            return "CausalSelfAttention[heads=" + heads + ", newestOnly=" + newestOnly
                    + (dropout > 0 ? ", dropout=" + dropout : "") + "]";
        }

        @Override
        public <R> R accept(OpVisitor<R> v) {
            return v.visit(this);
        }
    }

    /**
     * Inverted dropout, for training graphs only (inference graphs never contain it). Operands: {@code x} float32
     * of any shape and {@code seed}, an int32 scalar {@code []} that the trainer feeds per step; result of the shape
     * of {@code x}: {@code y = x * m / (1 - rate)} with {@code m} elementwise Bernoulli(1 - rate), 0 or 1, drawn
     * afresh for every step. The mask is a function of the seed and the node only: a backend draws it from a
     * random generator keyed by {@code (seed, the node's output value id)}, so the same seed gives the same
     * masks on one backend, and different nodes of one graph get different masks. Backends use different
     * generators, so masks (and losses) agree across backends only in distribution. Rate 0 is the identity.
     *
     * @param rate the probability of dropping an element, {@code 0 <= rate < 1}
     */
    record Dropout(double rate) implements Op {
        /** Validates. */
        public Dropout {
            checkRate("rate", rate);
        }

        static void checkRate(String name, double rate) {
            if (!(rate >= 0 && rate < 1)) {
                throw new IllegalArgumentException(name + " must be >= 0 and < 1, was " + rate);
            }
        }

        @Override
        public <R> R accept(OpVisitor<R> v) {
            return v.visit(this);
        }
    }

    /**
     * L2 normalisation of the last axis, as PyTorch's {@code F.normalize}: {@code y = x / max(||x||_2, epsilon)}.
     *
     * @param epsilon the floor of the norm, &gt; 0
     */
    record L2Normalize(double epsilon) implements Op {
        /** Validates. */
        public L2Normalize {
            if (!(epsilon > 0) || !Double.isFinite(epsilon)) {
                throw new IllegalArgumentException("epsilon must be > 0, was " + epsilon);
            }
        }

        @Override
        public <R> R accept(OpVisitor<R> v) {
            return v.visit(this);
        }
    }

    /**
     * All dot products of two sets of rows: {@code a [P, D]}, {@code b [N, D]} to {@code y [P, N]},
     * {@code y[p, n] = sum_d a[p, d] b[n, d]} ({@code a b^T}).
     */
    record MatMulTransposed() implements Op {
        @Override
        public <R> R accept(OpVisitor<R> v) {
            return v.visit(this);
        }
    }

    /**
     * Replaces masked-out entries by a constant: operands {@code x}, {@code mask} of the same shape (values 0 or
     * 1); {@code y = mask == 0 ? value : x}. The loss uses a large finite negative value, which contributes
     * exactly 0 to a float32 log-sum-exp whose row keeps at least one entry.
     *
     * @param value the finite fill value
     */
    record MaskedFill(double value) implements Op {
        /** Validates. */
        public MaskedFill {
            if (!Double.isFinite(value)) {
                throw new IllegalArgumentException("value must be finite, was " + value);
            }
        }

        @Override
        public <R> R accept(OpVisitor<R> v) {
            return v.visit(this);
        }
    }

    /**
     * Log-sum-exp of the last axis: {@code x [..., C]} to {@code y [...]},
     * {@code y = m + log(sum_c exp(x[..., c] - m))} with {@code m = max_c x[..., c]}.
     */
    record LogSumExp() implements Op {
        @Override
        public <R> R accept(OpVisitor<R> v) {
            return v.visit(this);
        }
    }

    /** The diagonal of a square matrix: {@code x [P, P]} to {@code y [P]}, {@code y[p] = x[p, p]}. */
    record Diagonal() implements Op {
        @Override
        public <R> R accept(OpVisitor<R> v) {
            return v.visit(this);
        }
    }

    /**
     * Weighted sum to a scalar: {@code x [P]}, {@code w [P]} to {@code y []}, {@code y = sum_p w[p] x[p]}.
     */
    record WeightedSum() implements Op {
        @Override
        public <R> R accept(OpVisitor<R> v) {
            return v.visit(this);
        }
    }
}
