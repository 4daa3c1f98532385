package org.pinnerformer.spark;

import java.util.List;
import java.util.Objects;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * The JVM flags Spark needs on Java 17, so that nobody has to type them: Spark reflects into JDK internals
 * ({@code sun.nio.ch.DirectBuffer}, {@code java.nio}, ...) that Java 17 closes by default. The list is the one
 * Spark's own launcher adds ({@code org.apache.spark.launcher.JavaModuleOptions}, Spark 4.0), without the incubator
 * vector module. {@code spark-submit} adds these flags itself; a JVM that starts Spark in-process (tests, a local
 * session from {@code java -cp}) must be started with them, and {@code bin/pinnerformer-spark-submit} passes them
 * to the driver and executors explicitly.
 */
public final class SparkJavaOptions {
    /** The flags, one per element. */
    public static final List<String> FLAGS = List.of(
            "-XX:+IgnoreUnrecognizedVMOptions",
            "--add-opens=java.base/java.lang=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
            "--add-opens=java.base/java.io=ALL-UNNAMED",
            "--add-opens=java.base/java.net=ALL-UNNAMED",
            "--add-opens=java.base/java.nio=ALL-UNNAMED",
            "--add-opens=java.base/java.util=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
            "--add-opens=java.base/jdk.internal.ref=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.cs=ALL-UNNAMED",
            "--add-opens=java.base/sun.security.action=ALL-UNNAMED",
            "--add-opens=java.base/sun.util.calendar=ALL-UNNAMED",
            "--add-opens=java.security.jgss/sun.security.krb5=ALL-UNNAMED",
            "-Djdk.reflect.useDirectMethodHandle=false",
            "-Dio.netty.tryReflectionSetAccessible=true");

    /** The keys of the Spark settings that carry JVM flags to the driver and the executors. */
    public static final List<String> SETTINGS = List.of("spark.driver.extraJavaOptions",
            "spark.executor.extraJavaOptions");

    private SparkJavaOptions() {
    }

    /** The flags as one space-separated string, as {@code spark.*.extraJavaOptions} take them. */
    public static String joined() {
        return String.join(" ", FLAGS);
    }

    /**
     * Appends the flags to {@code spark.driver.extraJavaOptions} and {@code spark.executor.extraJavaOptions} of
     * {@code conf} (keeping what is there), so executors and a cluster-mode driver start with them. A driver that is
     * already running (client mode, a local session) must have been started with them: see the class comment.
     *
     * @return {@code conf}
     */
    public static SparkConf apply(SparkConf conf) {
        Objects.requireNonNull(conf, "conf");
        for (String key : SETTINGS) {
            String existing = conf.get(key, "").trim();
            if (!existing.contains("--add-opens=java.base/sun.nio.ch=ALL-UNNAMED")) {
                conf.set(key, existing.isEmpty() ? joined() : existing + " " + joined());
            }
        }
        return conf;
    }

    /**
     * A session on this machine for tests, benchmarks and trying the job out: {@code master} (for example
     * {@code local[2]}), bound to 127.0.0.1, no web UI, {@code shufflePartitions} shuffle partitions.
     *
     * @throws IllegalArgumentException if {@code shufflePartitions} is not positive
     */
    public static SparkSession localSession(String master, String appName, int shufflePartitions) {
        Objects.requireNonNull(master, "master");
        Objects.requireNonNull(appName, "appName");
        if (shufflePartitions <= 0) {
            throw new IllegalArgumentException("shufflePartitions must be > 0, was " + shufflePartitions);
        }
        SparkConf conf = apply(new SparkConf())
                .setMaster(master)
                .setAppName(appName)
                .set("spark.driver.host", "127.0.0.1")
                .set("spark.driver.bindAddress", "127.0.0.1")
                .set("spark.ui.enabled", "false")
                .set("spark.sql.shuffle.partitions", Integer.toString(shufflePartitions));
        return SparkSession.builder().config(conf).getOrCreate();
    }
}
