package org.pinnerformer.core.eval;

import java.util.Arrays;

/**
 * One evaluated user: the cut and the positives of the window after it.
 *
 * @param user the dense user index
 * @param userId the external user id
 * @param cut the cut time t, epoch seconds
 * @param positives the distinct items with a positive action in {@code (t, t + window]}, by first such action
 * @param positiveTimes the time of each positive's first positive action in the window
 */
public record EvalExample(int user, long userId, double cut, int[] positives, double[] positiveTimes) {

    /** Validates and copies. */
    public EvalExample {
        if (user < 0) {
            throw new IllegalArgumentException("user must be >= 0, was " + user);
        }
        if (!Double.isFinite(cut)) {
            throw new IllegalArgumentException("cut must be finite, was " + cut);
        }
        positives = positives.clone();
        positiveTimes = positiveTimes.clone();
        if (positives.length == 0) {
            throw new IllegalArgumentException("positives must not be empty (user " + userId + ")");
        }
        if (positives.length != positiveTimes.length) {
            throw new IllegalArgumentException("positiveTimes must hold one time per positive, " + positives.length
                    + " expected, held " + positiveTimes.length);
        }
        for (double p : positiveTimes) {
            if (!(p > cut)) {
                throw new IllegalArgumentException("every positive time must be after the cut " + cut + ", was " + p);
            }
        }
    }

    /** A copy of the positives. */
    @Override
    public int[] positives() {
        return positives.clone();
    }

    /** A copy of the positive times. */
    @Override
    public double[] positiveTimes() {
        return positiveTimes.clone();
    }

    /** The number of positives. */
    public int positiveCount() {
        return positives.length;
    }

    int positive(int i) {
        return positives[i];
    }

    double positiveTime(int i) {
        return positiveTimes[i];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EvalExample e && e.user == user && e.userId == userId
                && Double.compare(e.cut, cut) == 0 && Arrays.equals(e.positives, positives)
                && Arrays.equals(e.positiveTimes, positiveTimes);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Integer.hashCode(user) + Double.hashCode(cut)) + Arrays.hashCode(positives);
    }

    @Override
    public String toString() {
        return "EvalExample[user=" + userId + ", cut=" + cut + ", positives=" + Arrays.toString(positives) + "]";
    }
}
