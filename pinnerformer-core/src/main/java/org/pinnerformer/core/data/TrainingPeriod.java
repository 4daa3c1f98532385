package org.pinnerformer.core.data;

import java.util.Map;
import java.util.Set;

/**
 * Which actions belong to the training period, so that anything learned from the data (content vectors from
 * co-engagement, for example) never sees what evaluation will ask about. Each user's training actions are a
 * prefix of the user's timeline: {@code start(u) .. end(t, u) - 1}.
 */
public sealed interface TrainingPeriod {

    /**
     * One past the last training action of user {@code u} of {@code t} (a global action index between
     * {@code t.start(u)} and {@code t.end(u)}).
     */
    int end(Timelines t, int u);

    /** Actions with a timestamp strictly before {@code cut} (epoch seconds). */
    static TrainingPeriod before(double cut) {
        return new Before(cut);
    }

    /** All actions of the given users, none of the others. */
    static TrainingPeriod users(Set<Long> userIds) {
        return new TrainingUsers(userIds);
    }

    /** For each listed user, the actions strictly before that user's cut; nothing of unlisted users. */
    static TrainingPeriod perUserBefore(Map<Long, Double> cutByUser) {
        return new PerUserBefore(cutByUser);
    }

    /** Every user's actions except the last {@code count} (leave-last-out protocols). */
    static TrainingPeriod allButLast(int count) {
        return new AllButLast(count);
    }

    /**
     * Actions strictly before a time.
     *
     * @param cut epoch seconds, finite
     */
    record Before(double cut) implements TrainingPeriod {
        /** Validates the cut. */
        public Before {
            if (!Double.isFinite(cut)) {
                throw new IllegalArgumentException("cut must be finite, was " + cut);
            }
        }

        @Override
        public int end(Timelines t, int u) {
            return t.firstAfter(u, Math.nextDown(cut));
        }
    }

    /**
     * All actions of some users.
     *
     * @param userIds the training users' external ids
     */
    record TrainingUsers(Set<Long> userIds) implements TrainingPeriod {
        /** Copies the ids. */
        public TrainingUsers {
            userIds = Set.copyOf(userIds);
        }

        @Override
        public int end(Timelines t, int u) {
            return userIds.contains(t.userId(u)) ? t.end(u) : t.start(u);
        }
    }

    /**
     * Actions before a per-user time.
     *
     * @param cutByUser each user's cut, epoch seconds, finite
     */
    record PerUserBefore(Map<Long, Double> cutByUser) implements TrainingPeriod {
        /** Copies and validates the cuts. */
        public PerUserBefore {
            cutByUser = Map.copyOf(cutByUser);
            cutByUser.forEach((user, cut) -> {
                if (!Double.isFinite(cut)) {
                    throw new IllegalArgumentException("the cut of user " + user + " must be finite, was " + cut);
                }
            });
        }

        @Override
        public int end(Timelines t, int u) {
            Double cut = cutByUser.get(t.userId(u));
            return cut == null ? t.start(u) : t.firstAfter(u, Math.nextDown(cut));
        }
    }

    /**
     * Every user's actions but the last few.
     *
     * @param count how many of each user's newest actions are left out, {@code >= 0}
     */
    record AllButLast(int count) implements TrainingPeriod {
        /** Validates the count. */
        public AllButLast {
            if (count < 0) {
                throw new IllegalArgumentException("count must be >= 0, was " + count);
            }
        }

        @Override
        public int end(Timelines t, int u) {
            return Math.max(t.start(u), t.end(u) - count);
        }
    }
}
