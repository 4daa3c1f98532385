package org.pinnerformer.testkit;

/**
 * The shape of a {@link SyntheticActivity} data set.
 *
 * @param users number of users ({@code > 0})
 * @param items number of catalogue items ({@code >= clusters})
 * @param clusters number of item clusters (interests; {@code > 0})
 * @param interestsPerUser clusters each user is interested in ({@code 1 .. clusters})
 * @param onInterestProbability probability that an action's item comes from one of the user's interests
 *     rather than from a uniformly random cluster ({@code [0, 1]})
 * @param zipfExponent exponent s of the Zipf popularity of items within a cluster ({@code >= 0})
 * @param meanSessions mean number of sessions per user ({@code >= 1}; geometric)
 * @param meanActionsPerSession mean actions per session ({@code >= 1}; geometric)
 * @param meanGapSeconds mean time between actions of a session ({@code > 0}; exponential)
 * @param startEpochSeconds start of the period
 * @param days length of the period in which sessions start ({@code > 0})
 * @param itemVectorSize F, the size of item content vectors ({@code > 0})
 * @param seed the seed; equal configurations generate identical data
 */
public record SyntheticConfig(
        int users,
        int items,
        int clusters,
        int interestsPerUser,
        double onInterestProbability,
        double zipfExponent,
        double meanSessions,
        double meanActionsPerSession,
        double meanGapSeconds,
        double startEpochSeconds,
        double days,
        int itemVectorSize,
        long seed) {

    /** Validates every field. */
    public SyntheticConfig {
        positive("users", users);
        positive("clusters", clusters);
        positive("itemVectorSize", itemVectorSize);
        if (items < clusters) {
            throw new IllegalArgumentException("items must be >= clusters (" + clusters + "), was " + items);
        }
        if (interestsPerUser < 1 || interestsPerUser > clusters) {
            throw new IllegalArgumentException("interestsPerUser must lie in [1, " + clusters + "], was "
                    + interestsPerUser);
        }
        if (!(onInterestProbability >= 0 && onInterestProbability <= 1)) {
            throw new IllegalArgumentException("onInterestProbability must lie in [0, 1], was "
                    + onInterestProbability);
        }
        if (!(zipfExponent >= 0) || !Double.isFinite(zipfExponent)) {
            throw new IllegalArgumentException("zipfExponent must be >= 0, was " + zipfExponent);
        }
        atLeastOne("meanSessions", meanSessions);
        atLeastOne("meanActionsPerSession", meanActionsPerSession);
        if (!(meanGapSeconds > 0) || !Double.isFinite(meanGapSeconds)) {
            throw new IllegalArgumentException("meanGapSeconds must be > 0, was " + meanGapSeconds);
        }
        if (!Double.isFinite(startEpochSeconds)) {
            throw new IllegalArgumentException("startEpochSeconds must be finite, was " + startEpochSeconds);
        }
        if (!(days > 0) || !Double.isFinite(days)) {
            throw new IllegalArgumentException("days must be > 0, was " + days);
        }
    }

    /**
     * Defaults for {@code users} users and {@code items} items: 50 clusters (fewer if there are fewer items), 3
     * interests per user, 85% of actions on interests, Zipf exponent 1.0, 8 sessions of 8 actions on average,
     * 45 s between actions, 90 days from 2026-01-01, 64-d item vectors.
     */
    public static SyntheticConfig of(int users, int items, long seed) {
        int clusters = Math.max(1, Math.min(50, items));
        return new SyntheticConfig(users, items, clusters, Math.min(3, clusters), 0.85, 1.0, 8, 8, 45,
                1_767_225_600, 90, 64, seed);
    }

    /** This configuration with another number of users. */
    public SyntheticConfig withUsers(int newUsers) {
        return new SyntheticConfig(newUsers, items, clusters, interestsPerUser, onInterestProbability, zipfExponent,
                meanSessions, meanActionsPerSession, meanGapSeconds, startEpochSeconds, days, itemVectorSize, seed);
    }

    private static void positive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be > 0, was " + value);
        }
    }

    private static void atLeastOne(String name, double value) {
        if (!(value >= 1) || !Double.isFinite(value)) {
            throw new IllegalArgumentException(name + " must be >= 1, was " + value);
        }
    }
}
