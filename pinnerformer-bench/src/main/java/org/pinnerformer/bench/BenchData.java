package org.pinnerformer.bench;

import org.pinnerformer.testkit.SyntheticActivity;
import org.pinnerformer.testkit.SyntheticConfig;

/** The synthetic data the model benchmarks run on. */
final class BenchData {
    private BenchData() {
    }

    /**
     * {@link SyntheticConfig#of} data whose timelines fill a model of sequence length {@code maxLength}: the default
     * 8 sessions of 8 actions fill M = 64, and a longer M gets proportionally more sessions.
     */
    static SyntheticActivity activity(int users, int items, long seed, int maxLength) {
        SyntheticConfig c = SyntheticConfig.of(users, items, seed);
        return new SyntheticActivity(new SyntheticConfig(c.users(), c.items(), c.clusters(), c.interestsPerUser(),
                c.onInterestProbability(), c.zipfExponent(), Math.max(1.0, c.meanSessions() * maxLength / 64.0),
                c.meanActionsPerSession(), c.meanGapSeconds(), c.startEpochSeconds(), c.days(), c.itemVectorSize(),
                c.seed()));
    }
}
