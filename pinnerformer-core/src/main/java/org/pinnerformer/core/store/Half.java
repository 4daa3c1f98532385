package org.pinnerformer.core.store;

/** float32 to and from IEEE binary16 (Java 17 has no {@code Float.floatToFloat16}). */
final class Half {
    /** The largest finite float16. */
    static final float MAX = 65504f;

    private Half() {
    }

    /** Rounds a finite float with {@code |x| <= 65504} to the nearest float16 (ties to even). */
    static short fromFloat(float x) {
        int bits = Float.floatToRawIntBits(x);
        int sign = (bits >>> 16) & 0x8000;
        int abs = bits & 0x7fffffff;
        if (abs >= 0x38800000) { // normal float16 range: |x| >= 2^-14
            int mant = abs & 0x7fffff;
            int exp = (abs >>> 23) - 127 + 15;
            int half = (exp << 10) | (mant >>> 13);
            int rest = mant & 0x1fff;
            if (rest > 0x1000 || (rest == 0x1000 && (half & 1) == 1)) {
                half++;
            }
            return (short) (sign | half);
        }
        // subnormal or zero: value = m * 2^-24
        float scaled = Float.intBitsToFloat(abs) * 16777216f; // exact
        int m = (int) Math.rint(scaled);
        return (short) (sign | m);
    }

    /** The float value of a float16. */
    static float toFloat(short h) {
        int sign = (h & 0x8000) << 16;
        int exp = (h >>> 10) & 0x1f;
        int mant = h & 0x3ff;
        if (exp == 0) {
            float v = mant * 5.9604645e-8f; // 2^-24
            return sign == 0 ? v : -v;
        }
        if (exp == 31) {
            return Float.intBitsToFloat(sign | 0x7f800000 | (mant << 13));
        }
        return Float.intBitsToFloat(sign | ((exp - 15 + 127) << 23) | (mant << 13));
    }
}
