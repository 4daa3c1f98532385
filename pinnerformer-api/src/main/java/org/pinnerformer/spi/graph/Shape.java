package org.pinnerformer.spi.graph;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The dimensions of a tensor, outermost first (row-major). A shape of rank 0 is a scalar.
 *
 * @param dims the dimensions
 */
public record Shape(List<Dim> dims) {

    /** Validates and copies. */
    public Shape {
        dims = List.copyOf(Objects.requireNonNull(dims, "dims"));
    }

    /**
     * A shape from dimensions given as {@link Dim}s, {@link Integer}s (fixed) or {@link String}s (symbolic).
     *
     * @throws IllegalArgumentException if an element is of another type
     */
    public static Shape of(Object... dims) {
        List<Dim> out = new ArrayList<>(dims.length);
        for (Object d : dims) {
            if (d instanceof Dim dim) {
                out.add(dim);
            } else if (d instanceof Integer i) {
                out.add(Dim.of(i));
            } else if (d instanceof String s) {
                out.add(Dim.symbol(s));
            } else {
                throw new IllegalArgumentException("a dimension must be a Dim, an Integer or a String, was " + d);
            }
        }
        return new Shape(out);
    }

    /** The scalar shape {@code []}. */
    public static Shape scalar() {
        return new Shape(List.of());
    }

    /** The number of dimensions. */
    public int rank() {
        return dims.size();
    }

    /** Dimension {@code i}. */
    public Dim dim(int i) {
        return dims.get(i);
    }

    /** The last dimension. */
    public Dim last() {
        if (dims.isEmpty()) {
            throw new IllegalStateException("a scalar has no last dimension");
        }
        return dims.get(dims.size() - 1);
    }

    /** This shape without its last dimension. */
    public Shape withoutLast() {
        return new Shape(dims.subList(0, rank() - 1));
    }

    /** This shape with its last dimension replaced. */
    public Shape withLast(Dim last) {
        List<Dim> out = new ArrayList<>(dims.subList(0, rank() - 1));
        out.add(last);
        return new Shape(out);
    }

    /** This shape followed by the given dimensions. */
    public Shape append(Dim... more) {
        List<Dim> out = new ArrayList<>(dims);
        out.addAll(List.of(more));
        return new Shape(out);
    }

    /** Whether {@code suffix} equals the trailing dimensions of this shape (every shape ends with {@code []}). */
    public boolean endsWith(Shape suffix) {
        int k = suffix.rank();
        return k <= rank() && dims.subList(rank() - k, rank()).equals(suffix.dims);
    }

    /** Whether every dimension is fixed. */
    public boolean isFixed() {
        return dims.stream().allMatch(Dim::isFixed);
    }

    @Override
    public String toString() {
        return dims.toString();
    }
}
