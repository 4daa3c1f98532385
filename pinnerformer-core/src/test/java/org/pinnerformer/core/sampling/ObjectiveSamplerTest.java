package org.pinnerformer.core.sampling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pinnerformer.core.sampling.Fixtures.DAY;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.pinnerformer.api.Vocabulary;
import org.pinnerformer.api.objective.AllAction;
import org.pinnerformer.api.objective.DenseAllAction;
import org.pinnerformer.api.objective.NextAction;
import org.pinnerformer.api.objective.Objective;
import org.pinnerformer.api.objective.SasRec;
import org.pinnerformer.core.data.Timelines;
import org.pinnerformer.core.data.TimelinesBuilder;

class ObjectiveSamplerTest {
    private static final int DRAWS = 2000;
    private final Timelines t = Fixtures.timelines(Fixtures.catalog());

    private ObjectiveSampler sampler(Objective objective, int maxLength) {
        return ObjectiveSampler.of(objective, t, maxLength);
    }

    /** The first positive action of the user at index > i, or -1. */
    private int nextPositiveAfter(int u, int i) {
        for (int j = i + 1; j < t.end(u); j++) {
            if (t.isPositive(j)) {
                return j;
            }
        }
        return -1;
    }

    /** Every pair: anchor in the input, label a positive strictly after it (never the anchor itself). */
    private void assertCommonRules(SampleBuffer s) {
        assertThat(s.pairCount()).isPositive();
        for (int k = 0; k < s.pairCount(); k++) {
            int a = s.anchor(k);
            int l = s.label(k);
            assertThat(a).isBetween(s.from(), s.to() - 1);
            assertThat(l).isGreaterThan(a).isLessThan(t.end(s.user()));
            assertThat(t.isPositive(l)).isTrue();
        }
    }

    @Test
    void nextActionLabelsTheNewestInputActionWithTheFirstPositiveAfterTheInput() {
        ObjectiveSampler s = sampler(new NextAction(), 3);
        SampleBuffer out = new SampleBuffer();
        SplittableRandom random = new SplittableRandom(1);
        Set<Integer> ends = new HashSet<>();
        for (int n = 0; n < DRAWS; n++) {
            assertThat(s.sample(0, random, out)).isTrue();
            assertCommonRules(out);
            assertThat(out.pairCount()).isEqualTo(1);
            assertThat(out.anchor(0)).isEqualTo(out.to() - 1);
            assertThat(out.label(0)).isEqualTo(nextPositiveAfter(0, out.to() - 1));
            assertThat(out.label(0)).isGreaterThanOrEqualTo(out.to());
            assertThat(out.to() - out.from()).isLessThanOrEqualTo(3);
            ends.add(out.to());
        }
        // every end followed by a positive: 1..5 (the last positive is action 5)
        assertThat(ends).containsExactlyInAnyOrder(1, 2, 3, 4, 5);
    }

    @Test
    void sasRecLabelsEveryInputPositionWithTheNextPositiveAfterIt() {
        ObjectiveSampler s = sampler(new SasRec(), 8);
        SampleBuffer out = new SampleBuffer();
        SplittableRandom random = new SplittableRandom(2);
        for (int n = 0; n < DRAWS; n++) {
            assertThat(s.sample(0, random, out)).isTrue();
            assertCommonRules(out);
            assertThat(out.pairCount()).isEqualTo(out.to() - out.from());
            for (int k = 0; k < out.pairCount(); k++) {
                assertThat(out.anchor(k)).isEqualTo(out.from() + k);
                assertThat(out.label(k)).isEqualTo(nextPositiveAfter(0, out.anchor(k)));
            }
        }
    }

    @Test
    void allActionLabelsAreEveryPositiveOfTheKDaysAfterTheNewestInputAction() {
        ObjectiveSampler s = sampler(new AllAction(28, 32), 8);
        SampleBuffer out = new SampleBuffer();
        SplittableRandom random = new SplittableRandom(3);
        Set<Integer> anchors = new HashSet<>();
        for (int n = 0; n < DRAWS; n++) {
            assertThat(s.sample(0, random, out)).isTrue();
            assertCommonRules(out);
            int anchor = out.to() - 1;
            double ta = t.timestamp(anchor);
            Set<Integer> expected = new HashSet<>();
            for (int j = t.start(0); j < t.end(0); j++) {
                if (t.isPositive(j) && t.timestamp(j) > ta && t.timestamp(j) <= ta + 28 * DAY) {
                    expected.add(j);
                }
            }
            Set<Integer> labels = new HashSet<>();
            for (int k = 0; k < out.pairCount(); k++) {
                assertThat(out.anchor(k)).isEqualTo(anchor);
                labels.add(out.label(k));
            }
            assertThat(labels).isEqualTo(expected);
            anchors.add(anchor);
        }
        // anchors with a positive within 28 days: 0 (save@1, save@10), 1 and 2 (save@10), 4 (save@41)
        assertThat(anchors).containsExactlyInAnyOrder(0, 1, 2, 4);
    }

    @Test
    void allActionDrawsAtMostMaxLabelsDistinctPositivesUniformly() {
        ObjectiveSampler s = sampler(new AllAction(28, 2), 8);
        SampleBuffer out = new SampleBuffer();
        SplittableRandom random = new SplittableRandom(4);
        int[] seen = new int[t.actionCount()];
        int fromFirst = 0;
        for (int n = 0; n < DRAWS; n++) {
            assertThat(s.sample(2, random, out)).isTrue();
            assertCommonRules(out);
            assertThat(out.pairCount()).isLessThanOrEqualTo(2);
            if (out.to() - 1 == t.start(2)) {
                fromFirst++;
                assertThat(out.pairCount()).isEqualTo(2);
                assertThat(out.label(0)).isNotEqualTo(out.label(1));
                seen[out.label(0)]++;
                seen[out.label(1)]++;
            }
        }
        // from user 3's first action, 2 of its 3 positives: each is chosen in about 2/3 of the draws
        for (int j = t.start(2) + 1; j < t.end(2); j++) {
            assertThat((double) seen[j] / fromFirst).isBetween(0.55, 0.78);
        }
    }

    @Test
    void denseAllActionAnchorsPredictOnePositiveFromTheirOwnWindowWhichMayReachPastTheInput() {
        ObjectiveSampler s = sampler(new DenseAllAction(28, 3), 3);
        SampleBuffer out = new SampleBuffer();
        SplittableRandom random = new SplittableRandom(5);
        boolean pastTheInput = false;
        Set<Integer> labelsOfAction0 = new HashSet<>();
        for (int n = 0; n < DRAWS; n++) {
            assertThat(s.sample(0, random, out)).isTrue();
            assertCommonRules(out);
            assertThat(out.pairCount()).isLessThanOrEqualTo(3);
            Set<Integer> anchors = new HashSet<>();
            for (int k = 0; k < out.pairCount(); k++) {
                int a = out.anchor(k);
                assertThat(anchors.add(a)).as("anchors are distinct").isTrue();
                double ta = t.timestamp(a);
                assertThat(t.timestamp(out.label(k))).isGreaterThan(ta).isLessThanOrEqualTo(ta + 28 * DAY);
                pastTheInput |= out.label(k) >= out.to();
                if (a == 0) {
                    labelsOfAction0.add(out.label(k));
                }
            }
            // every input action with a labelled window is an anchor (at most 3 actions in the input)
            for (int i = out.from(); i < out.to(); i++) {
                boolean labelled = i == 0 || i == 1 || i == 2 || i == 4;
                assertThat(anchors.contains(i)).as("anchor %s", i).isEqualTo(labelled);
            }
        }
        assertThat(pastTheInput).isTrue();
        assertThat(labelsOfAction0).containsExactlyInAnyOrder(1, 3);
    }

    @Test
    void aUserWithoutPositivesHasNoExampleForAnyObjective() {
        Objective[] objectives = {new NextAction(), new SasRec(), new AllAction(), new DenseAllAction(28, 4)};
        for (Objective o : objectives) {
            ObjectiveSampler s = sampler(o, 4);
            assertThat(s.hasExample(1)).as(o.name()).isFalse();
            assertThat(s.hasExample(0)).as(o.name()).isTrue();
            SampleBuffer out = new SampleBuffer();
            assertThat(s.sample(1, new SplittableRandom(1), out)).isFalse();
            assertThat(out.pairCount()).isZero();
        }
    }

    @Test
    void aWindowShorterThanTheGapToTheNextPositiveHasNoExample() {
        ObjectiveSampler s = sampler(new AllAction(0.5, 32), 4);
        assertThat(s.hasExample(0)).isFalse();
        assertThat(s.hasExample(2)).isFalse();
        assertThat(sampler(new AllAction(1, 32), 4).hasExample(0)).isTrue();
    }

    @Test
    void equalSeedsGiveEqualSamples() {
        ObjectiveSampler s = sampler(new DenseAllAction(28, 2), 4);
        SampleBuffer a = new SampleBuffer();
        SampleBuffer b = new SampleBuffer();
        SplittableRandom ra = new SplittableRandom(9);
        SplittableRandom rb = new SplittableRandom(9);
        for (int n = 0; n < 100; n++) {
            s.sample(0, ra, a);
            s.sample(0, rb, b);
            assertThat(a.to()).isEqualTo(b.to());
            assertThat(a.pairCount()).isEqualTo(b.pairCount());
            for (int k = 0; k < a.pairCount(); k++) {
                assertThat(a.anchor(k)).isEqualTo(b.anchor(k));
                assertThat(a.label(k)).isEqualTo(b.label(k));
            }
        }
    }

    /**
     * Every action of a user comes in a burst of three that share one timestamp: a label must be strictly later
     * than its anchor (DESIGN.md section 4; evaluation counts same-timestamp actions as history).
     */
    @Test
    void nextActionAndSasRecLabelsAreStrictlyLaterThanTheirAnchor() {
        TimelinesBuilder b = new TimelinesBuilder(Fixtures.catalog(), Vocabulary.of("view", "save"), Vocabulary.of("home"),
                Set.of("save"));
        SplittableRandom r = new SplittableRandom(10);
        for (long u = 1; u <= 12; u++) {
            for (int burst = 0; burst < 4; burst++) {
                double day = burst * 3 + r.nextInt(2);
                for (int k = 0; k < 3; k++) {
                    b.add(r.nextBoolean() ? Fixtures.save(u, 1 + r.nextInt(20), day)
                            : Fixtures.view(u, 1 + r.nextInt(20), day));
                }
            }
        }
        Timelines bursts = b.build();
        for (Objective o : new Objective[] {new NextAction(), new SasRec(),
                new AllAction(28, 32), new DenseAllAction(28, 8)}) {
            ObjectiveSampler sampler = ObjectiveSampler.of(o, bursts, 6);
            SampleBuffer out = new SampleBuffer();
            SplittableRandom random = new SplittableRandom(11);
            int pairs = 0;
            for (int u = 0; u < bursts.userCount(); u++) {
                for (int k = 0; k < 50; k++) {
                    if (!sampler.sample(u, random, out)) {
                        continue;
                    }
                    for (int j = 0; j < out.pairCount(); j++) {
                        assertThat(bursts.timestamp(out.label(j))).as("%s: label of anchor %s", o.name(), out.anchor(j))
                                .isGreaterThan(bursts.timestamp(out.anchor(j)));
                        pairs++;
                    }
                }
            }
            assertThat(pairs).as(o.name()).isPositive();
        }
    }
}
