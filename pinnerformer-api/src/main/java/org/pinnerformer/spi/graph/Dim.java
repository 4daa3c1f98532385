package org.pinnerformer.spi.graph;

import java.util.Objects;

/**
 * One dimension of a {@link Shape}: either a fixed size known when the graph is built (H, 4H, D, ...) or a
 * symbolic size bound when the graph runs (B users, T positions, N items, P pairs, R negatives). Symbolic
 * dimensions compare by symbol; the sum of two dimensions (the result of a concatenation) is fixed when both
 * are fixed, otherwise the symbolic expression {@code "a+b"}.
 *
 * @param symbol the symbol of a symbolic dimension, empty for a fixed one
 * @param size the size of a fixed dimension, -1 for a symbolic one
 */
public record Dim(String symbol, int size) {

    /** Validates: exactly one of a non-empty symbol and a size &gt;= 0. */
    public Dim {
        Objects.requireNonNull(symbol, "symbol");
        if (symbol.isEmpty() ? size < 0 : size != -1) {
            throw new IllegalArgumentException("a dimension is either a symbol or a size >= 0, was symbol='" + symbol
                    + "', size=" + size);
        }
    }

    /** A fixed dimension. */
    public static Dim of(int size) {
        if (size < 0) {
            throw new IllegalArgumentException("size must be >= 0, was " + size);
        }
        return new Dim("", size);
    }

    /** A symbolic dimension bound at run time, such as {@code B} or {@code T}. */
    public static Dim symbol(String symbol) {
        Objects.requireNonNull(symbol, "symbol");
        if (symbol.isEmpty()) {
            throw new IllegalArgumentException("symbol must not be empty");
        }
        return new Dim(symbol, -1);
    }

    /** Whether the size is known when the graph is built. */
    public boolean isFixed() {
        return symbol.isEmpty();
    }

    /** The dimension of the concatenation of a tensor with this size and one with {@code other}. */
    public Dim plus(Dim other) {
        if (isFixed() && other.isFixed()) {
            return of(Math.addExact(size, other.size));
        }
        return symbol(this + "+" + other);
    }

    @Override
    public String toString() {
        return isFixed() ? Integer.toString(size) : symbol;
    }
}
