package org.pinnerformer.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code pinnerformer-bench jmh}: runs the JMH micro-benchmarks of this jar (by default all of them, e.g.
 * {@link ExactTopKBenchmark}) with a short schedule that suits a laptop; JMH prints its own report. Forked runs
 * start a JVM on this jar's class path, so run it as {@code java -jar pinnerformer-bench.jar jmh}.
 */
@Command(name = "jmh", mixinStandardHelpOptions = true,
        description = "Run the JMH micro-benchmarks (exact top-K scoring) and print JMH's report.")
final class JmhCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--include", paramLabel = "REGEX", defaultValue = "ExactTopKBenchmark",
            description = "Benchmarks whose name matches (default: ${DEFAULT-VALUE}).")
    private String include;

    @Option(names = "--forks", paramLabel = "N", defaultValue = "1",
            description = "Forked JVMs; 0 runs in this JVM (less reliable; for tests) (default: ${DEFAULT-VALUE}).")
    private int forks;

    @Option(names = "--warmup-iterations", paramLabel = "N", defaultValue = "3",
            description = "Warm-up iterations per fork (default: ${DEFAULT-VALUE}).")
    private int warmupIterations;

    @Option(names = "--iterations", paramLabel = "N", defaultValue = "5",
            description = "Measured iterations per fork (default: ${DEFAULT-VALUE}).")
    private int iterations;

    @Option(names = "--iteration-ms", paramLabel = "MS", defaultValue = "1000",
            description = "Length of each iteration in milliseconds (default: ${DEFAULT-VALUE}).")
    private int iterationMillis;

    @Option(names = "--param", paramLabel = "NAME=VALUE",
            description = "Overrides a benchmark parameter, e.g. --param items=20000 (repeatable).")
    private Map<String, String> params = Map.of();

    @Override
    public Integer call() throws RunnerException {
        if (forks < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--forks must be >= 0, was " + forks);
        }
        BenchChecks.positive(spec, "--iterations", iterations);
        BenchChecks.positive(spec, "--iteration-ms", iterationMillis);
        if (warmupIterations < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--warmup-iterations must be >= 0, was "
                    + warmupIterations);
        }
        ChainedOptionsBuilder options = new OptionsBuilder().include(include).forks(forks)
                .warmupIterations(warmupIterations).warmupTime(TimeValue.milliseconds(iterationMillis))
                .measurementIterations(iterations).measurementTime(TimeValue.milliseconds(iterationMillis))
                .shouldFailOnError(true);
        List<String> names = new ArrayList<>(params.keySet());
        for (String name : names) {
            options = options.param(name, params.get(name));
        }
        if (new Runner(options.build()).run().isEmpty()) {
            spec.commandLine().getErr().println("error: no JMH benchmark matches --include " + include);
            return 1;
        }
        return 0;
    }
}
