package org.pinnerformer.api;

import java.util.Objects;

/** Argument checks shared by the batch classes; every message is a sentence naming the argument. */
final class Checks {
    private Checks() {
    }

    static void positive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be > 0, was " + value);
        }
    }

    static void nonNegative(String name, int value) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " must be >= 0, was " + value);
        }
    }

    static float[] finite(String name, float[] a, int expectedLength) {
        length(name, Objects.requireNonNull(a, name).length, expectedLength);
        // Branch-free first pass (batches hold millions of floats): the sign bit of (exponent + 1 ulp of the
        // exponent field) is set only for an all-ones exponent, i.e. an infinity or NaN.
        int bad = 0;
        for (int i = 0; i < a.length; i++) {
            bad |= (Float.floatToRawIntBits(a[i]) & 0x7f800000) + 0x00800000;
        }
        if (bad < 0) {
            for (int i = 0; i < a.length; i++) {
                if (!Float.isFinite(a[i])) {
                    throw new IllegalArgumentException(name + "[" + i + "] must be finite, was " + a[i]);
                }
            }
        }
        return a;
    }

    static int[] indices(String name, int[] a, int expectedLength) {
        length(name, Objects.requireNonNull(a, name).length, expectedLength);
        for (int i = 0; i < a.length; i++) {
            if (a[i] < 0) {
                throw new IllegalArgumentException(name + "[" + i + "] must be >= 0, was " + a[i]);
            }
        }
        return a;
    }

    static float[] mask(String name, float[] a, int expectedLength) {
        length(name, Objects.requireNonNull(a, name).length, expectedLength);
        // Branch-free first pass: with x the bits without the sign, x * (x - bits(1f)) is 0 exactly for 0, -0
        // and 1 (computed in long, so it cannot wrap to 0).
        long bad = 0;
        for (int i = 0; i < a.length; i++) {
            long x = Float.floatToRawIntBits(a[i]) & 0x7fffffff;
            bad |= x * (x - 0x3f800000L);
        }
        if (bad != 0) {
            for (int i = 0; i < a.length; i++) {
                if (a[i] != 0f && a[i] != 1f) {
                    throw new IllegalArgumentException(name + "[" + i + "] must be 0 or 1, was " + a[i]);
                }
            }
        }
        return a;
    }

    static void length(String name, int actual, int expected) {
        if (actual != expected) {
            throw new IllegalArgumentException(
                    name + " must hold " + expected + " values for this batch's shape, held " + actual);
        }
    }
}
