package org.pinnerformer.core.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Serving stands below research and below the front door: no main class of {@code inference}, {@code store},
 * {@code retrieval} or {@code bundle} refers to {@code eval}, {@code pipeline} or {@code platform}. Read from the
 * compiled classes' constant pools (every class a class uses is named there), as {@code jdeps} does; test classes
 * may use fixtures from anywhere.
 */
class LayeringTest {
    private static final Path CLASSES = Path.of(System.getProperty("basedir", ".")).resolve("target/classes")
            .resolve("org/pinnerformer/core");
    private static final List<String> SERVING = List.of("inference", "store", "retrieval", "bundle");
    private static final List<String> ABOVE = List.of("eval", "pipeline", "platform");

    @Test
    void servingPackagesReferNoEvaluationExperimentOrFrontDoorClass() throws IOException {
        List<Path> checked = new ArrayList<>();
        List<String> offending = new ArrayList<>();
        for (String serving : SERVING) {
            try (Stream<Path> files = Files.walk(CLASSES.resolve(serving))) {
                for (Path f : files.filter(p -> p.toString().endsWith(".class")).toList()) {
                    checked.add(f);
                    String constants = constants(f);
                    for (String above : ABOVE) {
                        if (constants.contains("org/pinnerformer/core/" + above + "/")) {
                            offending.add(CLASSES.relativize(f) + " -> core." + above);
                        }
                    }
                }
            }
        }
        // The check reads the real classes: the four packages hold dozens of them.
        assertThat(checked).hasSizeGreaterThan(20)
                .anyMatch(p -> p.endsWith("BatchInferenceJob.class")).anyMatch(p -> p.endsWith("Recommender.class"));
        assertThat(offending).isEmpty();
        // The same reading does see a reference where there is one: the front door trains through the pipeline.
        assertThat(constants(CLASSES.resolve("platform/CorePlatform.class"))).contains("org/pinnerformer/core/pipeline/");
    }

    private static String constants(Path classFile) throws IOException {
        return new String(Files.readAllBytes(classFile), StandardCharsets.ISO_8859_1);
    }
}
