package org.pinnerformer.core.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class UserSplitOfTest {
    @Test
    void theGivenUsersAreEvaluatedAndEveryOtherUserTrains() {
        UserSplit s = UserSplit.of(6, new int[] {4, 1});
        assertThat(s.evalUsers()).containsExactly(1, 4);
        assertThat(s.trainUsers()).containsExactly(0, 2, 3, 5);
        assertThat(s.isEval(4)).isTrue();
        assertThat(s.isEval(0)).isFalse();
    }

    @Test
    void rejectsRepeatedOrOutOfRangeUsers() {
        assertThatThrownBy(() -> UserSplit.of(3, new int[] {1, 1}))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("evalUsers must be distinct, held 1 twice");
        assertThatThrownBy(() -> UserSplit.of(3, new int[] {3}))
                .hasMessage("evalUsers must lie in [0, 3), held 3");
        assertThatThrownBy(() -> UserSplit.of(-1, new int[0])).hasMessage("userCount must be >= 0, was -1");
    }
}
