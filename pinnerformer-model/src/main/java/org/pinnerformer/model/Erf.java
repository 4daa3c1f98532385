package org.pinnerformer.model;

/**
 * The error function in double precision, from the everywhere-positive series
 * {@code erf(x) = 2/sqrt(pi) exp(-x^2) sum_n 2^n x^(2n+1) / (1 * 3 * ... * (2n+1))}: no cancellation, so the
 * relative error stays near 1e-15 for {@code |x| < 6}; beyond, {@code |erf(x)|} rounds to 1 in double.
 */
final class Erf {
    private static final double TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);

    private Erf() {
    }

    static double erf(double x) {
        double a = Math.abs(x);
        if (a >= 6) {
            return Math.signum(x);
        }
        if (a == 0) {
            return x;
        }
        double twoX2 = 2 * a * a;
        double term = a;
        double sum = a;
        for (int n = 1; term > 1e-17 * sum; n++) {
            term *= twoX2 / (2 * n + 1);
            sum += term;
        }
        double r = TWO_OVER_SQRT_PI * Math.exp(-a * a) * sum;
        return x < 0 ? -r : r;
    }

    /** GELU, exact form: {@code 0.5 x (1 + erf(x / sqrt 2))}. */
    static double gelu(double x) {
        return 0.5 * x * (1 + erf(x * 0.7071067811865476));
    }
}
