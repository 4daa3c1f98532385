package org.pinnerformer.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pinnerformer.api.DataSource;
import org.pinnerformer.api.ItemIndex;
import org.pinnerformer.api.ModelSpec;
import org.pinnerformer.api.PinnerFormer;
import org.pinnerformer.api.ProgressListener;
import org.pinnerformer.api.objective.TrainingOptions;

/** The serving example on a bundle trained for a few steps: two daily runs, the index, recommendations. */
class ServeDailyTest {
    private static final Path DATA = Path.of(System.getProperty("basedir", ".")).resolve("../data/ml-latest-small")
            .normalize();

    @Test
    void runsTheDailyJobTwiceAndRecommendsFromTheLatestSnapshot(@TempDir Path dir) {
        PinnerFormer.load().train(DataSource.movieLens(DATA), ModelSpec.smallPreset(),
                TrainingOptions.builder().steps(3).evaluateEvery(0).build(), dir.resolve("model"),
                ProgressListener.none()).close();
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        List<ItemIndex.Hit> top;
        try (PrintStream ps = new PrintStream(captured, true, StandardCharsets.UTF_8)) {
            System.setOut(ps);
            top = ServeDaily.serve(dir.resolve("model"), DATA, dir.resolve("work"));
        } finally {
            System.setOut(original);
        }
        String out = captured.toString(StandardCharsets.UTF_8);
        original.print(out);
        // ml-latest-small ends on 2018-09-24: the first run embeds all 610 users, the second carries them over.
        assertThat(out).contains("2018-09-29: embedded 610 users, carried over 0, failed 0 (backend onnx)")
                .contains("2018-09-30: embedded 0 users, carried over 610, failed 0 (backend onnx)")
                .containsPattern("user 1, model [0-9a-f]{64}:");
        assertThat(top).hasSize(10);
        for (int i = 1; i < top.size(); i++) {
            assertThat(top.get(i).score()).isLessThanOrEqualTo(top.get(i - 1).score());
        }
    }
}
