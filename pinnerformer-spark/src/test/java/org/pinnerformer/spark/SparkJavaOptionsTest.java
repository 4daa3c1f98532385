package org.pinnerformer.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;

class SparkJavaOptionsTest {

    @Test
    void theSurefireArgLineAndTheLauncherScriptsCarryTheSameFlags() throws IOException {
        String pom = Files.readString(Path.of("pom.xml"));
        Matcher m = Pattern.compile("<spark.java.options>(.*)</spark.java.options>").matcher(pom);
        assertThat(m.find()).isTrue();
        assertThat(Arrays.asList(m.group(1).trim().split("\\s+"))).isEqualTo(SparkJavaOptions.FLAGS);
        assertThat(Files.readAllLines(Path.of("bin", "spark-java-options"))).isEqualTo(SparkJavaOptions.FLAGS);
        assertThat(Files.readString(Path.of("bin", "pinnerformer-spark-submit")))
                .contains("--conf \"spark.driver.extraJavaOptions=$flags\"")
                .contains("--conf \"spark.executor.extraJavaOptions=$flags\"")
                .contains("$here/spark-java-options");
    }

    @Test
    void applyAppendsTheFlagsOnceToDriverAndExecutors() {
        SparkConf conf = new SparkConf(false).set("spark.executor.extraJavaOptions", "-Xss4m");
        SparkJavaOptions.apply(SparkJavaOptions.apply(conf));
        assertThat(conf.get("spark.executor.extraJavaOptions")).isEqualTo("-Xss4m " + SparkJavaOptions.joined());
        assertThat(conf.get("spark.driver.extraJavaOptions")).isEqualTo(SparkJavaOptions.joined());
    }

    @Test
    void theTestJvmRunsWithTheFlags() {
        // Spark's own check: it needs sun.nio.ch open to this class path.
        assertThat(Object.class.getModule().isOpen("sun.nio.ch", SparkJavaOptions.class.getModule())).isTrue();
    }
}
