package org.pinnerformer.core.data;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where tests find the real data sets. */
final class TestData {
    private TestData() {
    }

    /** The copy of ml-latest-small bundled with the project (its licence allows it); always present. */
    static Path latestSmall() {
        Path dir = Path.of(System.getProperty("basedir", ".")).resolve("../data/ml-latest-small").normalize();
        if (!Files.isRegularFile(dir.resolve("ratings.csv"))) {
            throw new IllegalStateException("the bundled ml-latest-small is missing from " + dir
                    + "; it ships with the project under data/ml-latest-small");
        }
        return dir;
    }

    /**
     * A folder of the shared data directory (never copied into the project: its licence forbids
     * redistribution). Tests using it are skipped, with this message, when it is absent.
     */
    static Path shared(String name) {
        String root = System.getProperty("pinnerformer.shared.data");
        assumeTrue(root != null, "system property pinnerformer.shared.data is not set (the build sets it to"
                + " ../shared/data); skipping the test on " + name);
        Path dir = Path.of(root).resolve(name);
        assumeTrue(Files.isDirectory(dir), "shared data set " + dir + " is not present; skipping the test on " + name);
        return dir;
    }
}
