package org.pinnerformer.core.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.math.MathContext;
import org.junit.jupiter.api.Test;
import org.pinnerformer.api.ModelSpec;

class TimeEncodingTest {
    private static final MathContext MC = new MathContext(50);
    private static final BigDecimal PI = new BigDecimal("3.14159265358979323846264338327950288419716939937510");

    /** theta = 2 pi (v mod p) / p computed exactly from the doubles' exact decimal values. */
    private static double reference(double value, double period) {
        BigDecimal v = new BigDecimal(value);
        BigDecimal p = new BigDecimal(period);
        BigDecimal r = v.remainder(p, MC);
        if (r.signum() < 0) {
            r = r.add(p);
        }
        return PI.multiply(BigDecimal.valueOf(2)).multiply(r).divide(p, MC).doubleValue();
    }

    @Test
    void anglesOfA2026TimestampMatchAnExactBigDecimalReferenceForEveryPeriod() {
        ModelSpec spec = ModelSpec.paperDefaults();
        TimeEncoding encoding = new TimeEncoding(spec);
        double timestamp = 1_780_123_456.789; // 2026-05-30, with a fractional second
        double sinceNewest = 3 * 86_400 + 5.25;
        double gap = 37.5;
        float[] angles = new float[encoding.angleCount()];
        float[] logs = new float[3];
        encoding.encode(timestamp, sinceNewest, gap, angles, 0, logs, 0);
        double[] abs = spec.absolutePeriodsSeconds();
        double[] rel = spec.relativePeriodsSeconds();
        assertThat(angles).hasSize(spec.timeAngleCount());
        for (int k = 0; k < abs.length; k++) {
            assertThat((double) angles[k]).as("absolute period %s", abs[k])
                    .isCloseTo(reference(timestamp, abs[k]), within(1e-6));
            assertThat(TimeEncoding.angle(timestamp, abs[k])).isCloseTo(reference(timestamp, abs[k]), within(1e-8));
        }
        for (int k = 0; k < rel.length; k++) {
            assertThat((double) angles[abs.length + k]).as("since-newest period %s", rel[k])
                    .isCloseTo(reference(sinceNewest, rel[k]), within(1e-6));
            assertThat((double) angles[abs.length + rel.length + k]).as("gap period %s", rel[k])
                    .isCloseTo(reference(gap, rel[k]), within(1e-6));
        }
        assertThat(logs[0]).isCloseTo((float) Math.log1p(timestamp), within(1e-6f));
        assertThat(logs[1]).isCloseTo((float) Math.log1p(sinceNewest), within(1e-6f));
        assertThat(logs[2]).isCloseTo((float) Math.log1p(gap), within(1e-6f));
    }

    @Test
    void aFloat32TimestampWouldLoseTheShortPeriodsWhichIsWhyAnglesAreDouble() {
        double timestamp = 1_780_123_456.789;
        double fromFloat = TimeEncoding.angle((float) timestamp, 900);
        assertThat(Math.abs(fromFloat - reference(timestamp, 900))).isGreaterThan(0.1);
    }

    @Test
    void anglesLieInZeroToTwoPiAlsoBefore1970() {
        assertThat(TimeEncoding.angle(-450, 900)).isCloseTo(Math.PI, within(1e-12));
        assertThat(TimeEncoding.angle(900, 900)).isZero();
        assertThat(TimeEncoding.angle(0, 3600)).isZero();
        assertThat(TimeEncoding.angle(2700, 3600)).isCloseTo(1.5 * Math.PI, within(1e-12));
    }

    @Test
    void log1pIsZeroForNegativeValuesSoNoNanCanArise() {
        assertThat(TimeEncoding.log1p(-5)).isZero();
        assertThat(TimeEncoding.log1p(0.001)).isEqualTo((float) Math.log1p(0.001));
        assertThat(TimeEncoding.log1p(Math.E - 1)).isCloseTo(1f, within(1e-7f));
    }

    @Test
    void rejectsNonFiniteValuesAndBadPeriods() {
        assertThatThrownBy(() -> TimeEncoding.angle(Double.NaN, 60))
                .hasMessage("value must be finite, was NaN");
        assertThatThrownBy(() -> TimeEncoding.angle(1, 0))
                .hasMessage("period must be a finite number of seconds > 0, was 0.0");
        assertThatThrownBy(() -> new TimeEncoding(new double[] {60}, new double[] {-1}))
                .hasMessage("relativePeriodsSeconds[0] must be a finite number of seconds > 0, was -1.0");
    }
}
