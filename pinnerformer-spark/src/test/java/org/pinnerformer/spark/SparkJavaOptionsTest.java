package org.pinnerformer.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SparkJavaOptionsTest {

    @Test
    void theSurefireArgLineAndTheLauncherScriptsCarryTheSameFlags() throws IOException {
        String pom = Files.readString(Path.of("pom.xml"));
        Matcher m = Pattern.compile("<spark.java.options>(.*)</spark.java.options>").matcher(pom);
        assertThat(m.find()).isTrue();
        assertThat(Arrays.asList(m.group(1).trim().split("\\s+"))).isEqualTo(SparkJavaOptions.FLAGS);
        assertThat(Files.readAllLines(Path.of("bin", "spark-java-options"))).isEqualTo(SparkJavaOptions.FLAGS);
        assertThat(Files.readString(Path.of("bin", "pinnerformer-spark-submit")))
                .contains("--conf \"spark.driver.extraJavaOptions=$flags$driver_opts\"")
                .contains("--conf \"spark.executor.extraJavaOptions=$flags$executor_opts\"")
                .contains("$here/spark-java-options");
    }

    @Test
    void theSubmitScriptMergesTheUsersOwnJavaOptionsWithTheRequiredFlags(@TempDir Path dir) throws Exception {
        // a spark-submit that prints its arguments, one a line
        Path fake = dir.resolve("spark-submit");
        Files.writeString(fake, "#!/usr/bin/env bash\nfor a in \"$@\"; do printf '%s\\n' \"$a\"; done\n");
        assertThat(fake.toFile().setExecutable(true)).isTrue();
        Path jar = Files.createFile(dir.resolve("job.jar"));
        ProcessBuilder pb = new ProcessBuilder("bash", "bin/pinnerformer-spark-submit", "--master", "local[2]",
                "--conf", "spark.driver.extraJavaOptions=-Dmine=1 -Xss4m", "-c", "spark.executor.memoryOverhead=2g",
                "--driver-java-options", "-Dother=2", "--conf=spark.executor.extraJavaOptions=-Dexec=3", "--",
                "--model", "m").redirectErrorStream(true);
        pb.environment().remove("SPARK_HOME");
        pb.environment().put("PATH", dir + java.io.File.pathSeparator + System.getenv("PATH"));
        pb.environment().put("PINNERFORMER_SPARK_JAR", jar.toString());
        Process p = pb.start();
        List<String> args = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        assertThat(p.waitFor()).as(String.join("\n", args)).isZero();
        String flags = SparkJavaOptions.joined() + " -Dai.djl.offline=true";
        // one value per setting: the required flags first, then the user's own options, in the order given
        assertThat(args.stream().filter(a -> a.startsWith("spark.driver.extraJavaOptions="))).containsExactly(
                "spark.driver.extraJavaOptions=" + flags + " -Dmine=1 -Xss4m -Dother=2");
        assertThat(args.stream().filter(a -> a.startsWith("spark.executor.extraJavaOptions="))).containsExactly(
                "spark.executor.extraJavaOptions=" + flags + " -Dexec=3");
        assertThat(args).doesNotContain("--driver-java-options")
                .containsSubsequence("--master", "local[2]", "--conf", "spark.executor.memoryOverhead=2g",
                        jar.toString(), "--model", "m");
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
