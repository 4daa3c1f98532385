package org.pinnerformer.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code pinnerformer bench ...}: throughput benchmarks of the library's stages on this machine. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure throughput of a stage of the library on this machine.",
        subcommands = {BenchReadCommand.class, BenchSampleCommand.class, BenchTrainCommand.class, BenchInferCommand.class,
                BenchStoreCommand.class, BenchIndexCommand.class, BenchDailyCommand.class})
final class BenchCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        new CommandLine(this).usage(System.out);
        return 0;
    }
}
