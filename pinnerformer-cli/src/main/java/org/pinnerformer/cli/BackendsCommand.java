package org.pinnerformer.cli;

import java.util.concurrent.Callable;
import org.pinnerformer.api.Backends;
import org.pinnerformer.spi.BackendProvider;
import org.pinnerformer.spi.Probe;
import picocli.CommandLine.Command;

/** {@code pinnerformer backends}: lists the backends found and whether each is usable here. */
@Command(name = "backends", mixinStandardHelpOptions = true,
        description = "List the backends found on the module path and class path, and whether each is usable.")
final class BackendsCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        Backends backends = Backends.discover();
        if (backends.providers().isEmpty()) {
            System.out.println("No backend found.");
            return 1;
        }
        for (BackendProvider p : backends.providers()) {
            Probe probe = p.probe();
            System.out.printf("%-6s %-22s %s%n", p.name(), p.capabilities(),
                    (probe.usable() ? "usable: " : "unusable: ") + probe.message());
        }
        return 0;
    }
}
