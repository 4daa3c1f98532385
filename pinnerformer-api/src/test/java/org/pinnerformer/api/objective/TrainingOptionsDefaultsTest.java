package org.pinnerformer.api.objective;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The one set of training defaults, and the one warm-up rule. */
class TrainingOptionsDefaultsTest {

    @Test
    void theDefaultsAreTheQuickStartSettings() {
        TrainingOptions d = TrainingOptions.defaults();
        assertThat(d.steps()).isEqualTo(300).isEqualTo(TrainingOptions.DEFAULT_STEPS);
        assertThat(d.warmupSteps()).isEqualTo(30);
        assertThat(d.batchSize()).isEqualTo(64).isEqualTo(TrainingOptions.DEFAULT_BATCH_SIZE);
        assertThat(d.evaluateEvery()).isEqualTo(25).isEqualTo(TrainingOptions.DEFAULT_EVALUATE_EVERY);
        assertThat(d.learningRate()).isEqualTo(1e-3);
        assertThat(d.seed()).isEqualTo(42);
        assertThat(d.objective()).isEqualTo(Objective.paperDefault());
    }

    @Test
    void warmUpIsATenthOfTheStepsAtMostAHundredUnlessSet() {
        assertThat(TrainingOptions.builder().steps(6).build().warmupSteps()).isEqualTo(0);
        assertThat(TrainingOptions.builder().steps(250).build().warmupSteps()).isEqualTo(25);
        assertThat(TrainingOptions.builder().steps(5000).build().warmupSteps()).isEqualTo(100);
        assertThat(TrainingOptions.builder().warmupSteps(7).steps(5000).build().warmupSteps()).isEqualTo(7);
        assertThat(TrainingOptions.builder().steps(5000).warmupSteps(0).build().warmupSteps()).isEqualTo(0);
        // toBuilder keeps the warm-up of the options it starts from
        assertThat(TrainingOptions.defaults().toBuilder().steps(5000).build().warmupSteps()).isEqualTo(30);
    }

    @Test
    void theWarmUpRuleRefusesNonPositiveSteps() {
        assertThatThrownBy(() -> TrainingOptions.defaultWarmupSteps(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("steps must be > 0, was 0");
        assertThatThrownBy(() -> TrainingOptions.builder().steps(0).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessage("steps must be > 0, was 0");
    }
}
