package org.pinnerformer.core.features;

import java.util.Objects;
import org.pinnerformer.api.ModelSpec;

/**
 * The time features of one action (DESIGN.md section 4): the angles {@code theta = 2 pi (v mod p) / p} of the
 * three time values over fixed periods, and {@code log1p} of the three values.
 *
 * <p>The three values are the absolute timestamp (epoch seconds), the time since the sequence's newest
 * action and the gap to the previous action of the sequence. The angles are computed in double precision and
 * only then rounded to float: a float32 epoch timestamp has a resolution of about 128 s, which would destroy
 * every period under a few minutes. {@code v mod p} is taken as a floor modulus, so it lies in {@code [0, p)}
 * also for times before 1970. {@code log1p} is applied to {@code max(v, 0)} so that no NaN can arise
 * ({@link #log1p(double)}).
 *
 * <p>Layout of the {@code A = }{@link ModelSpec#timeAngleCount()} angles of an action: one per absolute
 * period for the timestamp, then one per relative period for the time since the newest action, then one per
 * relative period for the gap, exactly as {@link org.pinnerformer.api.SequenceBatch} documents.
 */
public final class TimeEncoding {
    private static final double TWO_PI = 2 * Math.PI;

    private final double[] absolute;
    private final double[] relative;
    private final double[] absoluteInverse;
    private final double[] relativeInverse;

    /** The encoding for the periods of {@code spec}. */
    public TimeEncoding(ModelSpec spec) {
        this(Objects.requireNonNull(spec, "spec").absolutePeriodsSeconds(), spec.relativePeriodsSeconds());
    }

    /**
     * The encoding for the given periods, in seconds.
     *
     * @throws IllegalArgumentException if a period is not a finite number {@code > 0}
     */
    public TimeEncoding(double[] absolutePeriodsSeconds, double[] relativePeriodsSeconds) {
        this.absolute = periods("absolutePeriodsSeconds", absolutePeriodsSeconds);
        this.relative = periods("relativePeriodsSeconds", relativePeriodsSeconds);
        this.absoluteInverse = inverses(absolute);
        this.relativeInverse = inverses(relative);
    }

    /** A, the number of angles per action: absolute periods plus twice the relative periods. */
    public int angleCount() {
        return absolute.length + 2 * relative.length;
    }

    /**
     * {@code 2 pi (value mod period) / period} in radians, in {@code [0, 2 pi)}, computed in double precision.
     *
     * @throws IllegalArgumentException if the value is not finite or the period is not a finite number
     *     {@code > 0}
     */
    public static double angle(double value, double period) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("value must be finite, was " + value);
        }
        if (!(period > 0) || !Double.isFinite(period)) {
            throw new IllegalArgumentException("period must be a finite number of seconds > 0, was " + period);
        }
        return angle(value, period, 1 / period);
    }

    /**
     * {@code 2 pi frac(v / p)}, with {@code v / p} as {@code v * (1 / p)} in double precision: the absolute error
     * is about {@code 2 pi 2^-52 v / p}, under 1e-8 rad for any epoch timestamp of this century and the paper's
     * periods, far below float32's resolution of the result; it avoids the slow {@code %} on doubles.
     */
    private static double angle(double v, double p, double inverse) {
        double x = v * inverse;
        double whole = x >= 0 && x < 0x1p62 ? (double) (long) x : Math.floor(x);
        double theta = TWO_PI * (x - whole);
        return theta < TWO_PI ? theta : 0;
    }

    /**
     * Writes the {@link #angleCount()} angles of one action into {@code angles} at {@code angleOffset} and the
     * three {@code log1p} values into {@code log1p} at {@code logOffset}.
     *
     * @param timestamp the action's time in epoch seconds
     * @param sinceNewest the newest action's time minus this action's time, in seconds ({@code >= 0})
     * @param gap this action's time minus the previous action's time ({@code >= 0}, 0 for the first)
     */
    public void encode(double timestamp, double sinceNewest, double gap, float[] angles, int angleOffset,
            float[] log1p, int logOffset) {
        int k = angleOffset;
        for (int i = 0; i < absolute.length; i++) {
            angles[k++] = (float) angle(timestamp, absolute[i], absoluteInverse[i]);
        }
        for (int i = 0; i < relative.length; i++) {
            angles[k++] = (float) angle(sinceNewest, relative[i], relativeInverse[i]);
        }
        for (int i = 0; i < relative.length; i++) {
            angles[k++] = (float) angle(gap, relative[i], relativeInverse[i]);
        }
        log1p[logOffset] = log1p(timestamp);
        log1p[logOffset + 1] = log1p(sinceNewest);
        log1p[logOffset + 2] = log1p(gap);
    }

    /**
     * {@code log1p(max(v, 0))} rounded to float. Computed as {@code log(1 + v)} (an intrinsic, several times
     * faster than {@code Math.log1p}): for {@code v >= 0} rounding {@code 1 + v} changes the result by at most
     * 1.2e-16 in absolute terms, which never shows after rounding to float except in the last bit.
     */
    public static float log1p(double v) {
        return v > 0 ? (float) Math.log(1 + v) : 0f;
    }

    private static double[] periods(String name, double[] periods) {
        Objects.requireNonNull(periods, name);
        for (int i = 0; i < periods.length; i++) {
            if (!(periods[i] > 0) || !Double.isFinite(periods[i])) {
                throw new IllegalArgumentException(
                        name + "[" + i + "] must be a finite number of seconds > 0, was " + periods[i]);
            }
        }
        return periods.clone();
    }

    private static double[] inverses(double[] periods) {
        double[] out = new double[periods.length];
        for (int i = 0; i < periods.length; i++) {
            out[i] = 1 / periods[i];
        }
        return out;
    }
}
