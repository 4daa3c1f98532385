package org.pinnerformer.core.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class UserSplitTest {

    @Test
    void sameSeedGivesTheSameSplitAndAnotherSeedAnother() {
        UserSplit a = UserSplit.random(1000, 0.2, 42);
        UserSplit b = UserSplit.random(1000, 0.2, 42);
        UserSplit c = UserSplit.random(1000, 0.2, 43);
        assertThat(a.evalUsers()).containsExactly(b.evalUsers());
        assertThat(a.trainUsers()).containsExactly(b.trainUsers());
        assertThat(c.evalUsers()).isNotEqualTo(a.evalUsers());
    }

    @Test
    void evalAndTrainAreDisjointSortedAndCoverEveryUser() {
        UserSplit s = UserSplit.random(611, 0.25, 7);
        assertThat(s.evalUsers()).hasSize(153).isSorted().doesNotContain(s.trainUsers());
        assertThat(s.trainUsers()).hasSize(458).isSorted();
        assertThat(IntStream.concat(IntStream.of(s.evalUsers()), IntStream.of(s.trainUsers())).sorted().toArray())
                .containsExactly(IntStream.range(0, 611).toArray());
        assertThat(s.isEval(s.evalUsers()[0])).isTrue();
        assertThat(s.isEval(s.trainUsers()[0])).isFalse();
        assertThat(UserSplit.allEval(3).evalUsers()).containsExactly(0, 1, 2);
    }

    @Test
    void rejectsAFractionOutsideZeroToOne() {
        assertThatThrownBy(() -> UserSplit.random(10, 1.5, 1)).hasMessage("evalFraction must be in [0, 1], was 1.5");
        assertThatThrownBy(() -> UserSplit.random(-1, 0.5, 1)).hasMessage("userCount must be >= 0, was -1");
    }
}
