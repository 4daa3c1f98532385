package org.pinnerformer.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JobArgumentsTest {
    private static final String[] REQUIRED = {"--model", "bundle", "--actions", "a", "--output", "o", "--date",
        "2026-03-02"};

    @Test
    void defaultsRunAtTheEndOfTheDayOnParquetWithTheDefaultBackend() {
        JobArguments a = JobArguments.parse(REQUIRED);
        assertThat(a.format()).isEqualTo("parquet");
        assertThat(a.previous()).isEmpty();
        assertThat(a.overwrite()).isFalse();
        assertThat(a.options()).isEqualTo(SparkDailyOptions.forDay(LocalDate.of(2026, 3, 2)));
        // 2026-03-03T00:00Z
        assertThat(a.options().runTime()).isEqualTo(1_772_496_000.0);
        assertThat(a.options().backend()).isEmpty();
    }

    @Test
    void everyOptionIsRead() {
        String[] more = {"--previous", "p", "--item-output", "io", "--format", "orc", "--run-time", "100",
            "--previous-run-time", "50", "--backend", "djl", "--batch-size", "64", "--encoder-threads", "2",
            "--partitions", "12", "--reembed-all", "--overwrite"};
        String[] all = new String[REQUIRED.length + more.length];
        System.arraycopy(REQUIRED, 0, all, 0, REQUIRED.length);
        System.arraycopy(more, 0, all, REQUIRED.length, more.length);
        JobArguments a = JobArguments.parse(all);
        assertThat(a.model()).isEqualTo("bundle");
        assertThat(a.previous()).contains("p");
        assertThat(a.itemOutput()).contains("io");
        assertThat(a.format()).isEqualTo("orc");
        assertThat(a.overwrite()).isTrue();
        SparkDailyOptions o = a.options();
        assertThat(o.runTime()).isEqualTo(100);
        assertThat(o.previousRunTime()).hasValue(50);
        assertThat(o.backend()).isEqualTo(Optional.of("djl"));
        assertThat(o.batchSize()).isEqualTo(64);
        assertThat(o.encoderThreads()).isEqualTo(2);
        assertThat(o.partitions()).isEqualTo(12);
        assertThat(o.reembedAll()).isTrue();
    }

    @Test
    void badCommandLinesAreRefusedWithASentence() {
        assertThatThrownBy(() -> JobArguments.parse("--model", "m")).hasMessage("Missing required options: "
                + "'--actions=PATH', '--output=PATH', '--date=YYYY-MM-DD'");
        assertThatThrownBy(() -> JobArguments.parse(withRequired("--checkpoint", "m.safetensors")))
                .hasMessageStartingWith("Unknown options: '--checkpoint', 'm.safetensors'");
        assertThatThrownBy(() -> JobArguments.parse(withRequired("--nope"))).hasMessage("Unknown option: '--nope'");
        assertThatThrownBy(() -> JobArguments.parse("--date")).hasMessage("Missing required parameter for option "
                + "'--date' (YYYY-MM-DD)");
        assertThatThrownBy(() -> JobArguments.parse(withRequired("--batch-size", "many"))).hasMessage("Invalid value for option '--batch-size': "
                + "'many' is not an int");
        String[] badDate = REQUIRED.clone();
        badDate[7] = "March";
        assertThatThrownBy(() -> JobArguments.parse(badDate)).hasMessage("--date must be YYYY-MM-DD, was 'March'");
    }

    private static String[] withRequired(String... more) {
        String[] all = new String[REQUIRED.length + more.length];
        System.arraycopy(REQUIRED, 0, all, 0, REQUIRED.length);
        System.arraycopy(more, 0, all, REQUIRED.length, more.length);
        return all;
    }

    @Test
    void theUsageListsEveryOptionAndTheExitStatuses() {
        assertThat(JobArguments.usage()).startsWith("Usage: SparkDailyJob --model BUNDLE --actions PATH")
                .contains("--encoder-threads=N").contains("--reembed-all").contains("Exit status:")
                .containsPattern("\\n +2 +usage error");
    }

    @Test
    void optionsRefuseAPreviousRunAfterThisOne() {
        assertThatThrownBy(() -> SparkDailyOptions.forDay(LocalDate.of(2026, 1, 1)).withPreviousRunTime(2e9))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("previousRunTime must be <= runTime 1.767312E9, was 2.0E9");
        assertThatThrownBy(() -> SparkDailyOptions.forDay(LocalDate.of(2026, 1, 1)).withPartitions(0))
                .hasMessage("partitions must be > 0, was 0");
    }
}
