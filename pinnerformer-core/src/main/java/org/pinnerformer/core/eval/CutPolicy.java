package org.pinnerformer.core.eval;

import java.util.HashMap;
import java.util.Map;
import java.util.OptionalDouble;
import org.pinnerformer.core.data.Timelines;
import org.pinnerformer.core.data.TrainingPeriod;

/**
 * Where each evaluated user's history ends: the cut time {@code t}. The user's embedding may use the actions
 * with a timestamp {@code <= t} (actions sharing the cut's timestamp are history); the positives are the
 * positive actions in {@code (t, t + windowDays]}.
 *
 * <p>Each policy also names the leak-free {@link TrainingPeriod}: what popularity counts, co-engagement item
 * vectors and model training may see without looking at any evaluated future.
 */
public sealed interface CutPolicy {

    /** The cut of user {@code u}, or empty when the user has no action at or before any possible cut. */
    OptionalDouble cut(Timelines timelines, int u);

    /** The actions that anything learned before evaluation may see. */
    TrainingPeriod trainingPeriod(Timelines timelines, UserSplit split);

    /** A short description for reports ({@code "time <= 1.5E9"}, {@code "first 80% of each timeline"}). */
    String describe();

    /** One global cut time for every user (epoch seconds): the paper's protocol. */
    static CutPolicy globalTime(double epochSeconds) {
        return new GlobalTime(epochSeconds);
    }

    /** A cut after the first {@code fraction} of each user's actions. */
    static CutPolicy fraction(double fraction) {
        return new Fraction(fraction);
    }

    /**
     * Every user is cut at the same time. A user with no action at or before it has no history and is skipped.
     * Training period: every user's actions at or before the cut, so nothing after the cut is learned from,
     * whoever the user.
     *
     * @param time the cut, epoch seconds, finite
     */
    record GlobalTime(double time) implements CutPolicy {
        /** Validates the time. */
        public GlobalTime {
            if (!Double.isFinite(time)) {
                throw new IllegalArgumentException("time must be finite, was " + time);
            }
        }

        @Override
        public OptionalDouble cut(Timelines timelines, int u) {
            return timelines.length(u) > 0 && timelines.timestamp(timelines.start(u)) <= time
                    ? OptionalDouble.of(time) : OptionalDouble.empty();
        }

        @Override
        public TrainingPeriod trainingPeriod(Timelines timelines, UserSplit split) {
            return TrainingPeriod.before(Math.nextUp(time));
        }

        @Override
        public String describe() {
            return "global cut at " + time;
        }
    }

    /**
     * Each user is cut after the first {@code h = max(1, floor(fraction * n))} of their {@code n} actions: the
     * cut is the timestamp of action {@code h} (1-based), so later actions with that same timestamp are history
     * too. Training period: all actions of training users plus each evaluated user's history. Cut times then
     * differ between users, so training users' actions may be later in calendar time than an evaluated user's
     * cut; use {@link GlobalTime} when that matters.
     *
     * @param fraction in (0, 1)
     */
    record Fraction(double fraction) implements CutPolicy {
        /** Validates the fraction. */
        public Fraction {
            if (!(fraction > 0 && fraction < 1)) {
                throw new IllegalArgumentException("fraction must be in (0, 1), was " + fraction);
            }
        }

        @Override
        public OptionalDouble cut(Timelines timelines, int u) {
            int n = timelines.length(u);
            if (n == 0) {
                return OptionalDouble.empty();
            }
            int h = Math.max(1, (int) Math.floor(fraction * n));
            return OptionalDouble.of(timelines.timestamp(timelines.start(u) + h - 1));
        }

        @Override
        public TrainingPeriod trainingPeriod(Timelines timelines, UserSplit split) {
            Map<Long, Double> cuts = new HashMap<>();
            for (int u : split.trainUsers()) {
                cuts.put(timelines.userId(u), Double.MAX_VALUE);
            }
            for (int u : split.evalUsers()) {
                OptionalDouble c = cut(timelines, u);
                if (c.isPresent()) {
                    cuts.put(timelines.userId(u), Math.nextUp(c.getAsDouble()));
                }
            }
            return TrainingPeriod.perUserBefore(cuts);
        }

        @Override
        public String describe() {
            return "first " + fraction + " of each timeline";
        }
    }
}
