package org.pinnerformer.cli;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.pinnerformer.api.Backends;
import org.pinnerformer.api.Checkpoint;
import org.pinnerformer.api.ItemIndex;
import org.pinnerformer.api.PinnerFormerException;
import org.pinnerformer.core.data.ItemCatalog;
import org.pinnerformer.core.pipeline.Experiment;
import org.pinnerformer.core.pipeline.ExperimentOptions;
import org.pinnerformer.core.retrieval.ExactItemIndex;
import org.pinnerformer.core.retrieval.HnswOptions;
import org.pinnerformer.core.retrieval.ItemIndexes;
import org.pinnerformer.spi.Backend;
import org.pinnerformer.spi.Capability;
import org.pinnerformer.spi.ItemEncoder;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code pinnerformer index}: the item index of a checkpoint's catalogue. The item vectors the model was trained
 * with are rebuilt as {@code evaluate} does (the seed recorded in the checkpoint gives the same co-engagement
 * vectors), every item goes through the item tower, and the embeddings are indexed (HNSW by default, or exact) into
 * a new directory that {@link ItemIndexes#open} reopens.
 */
@Command(name = "index", mixinStandardHelpOptions = true,
        description = "Build the item index (HNSW or exact) of a checkpoint's catalogue.")
final class IndexCommand implements Callable<Integer> {
    private final Supplier<Backends> backends;

    @Spec
    private CommandSpec spec;

    @Mixin
    private ExperimentArgs args;

    @Option(names = "--checkpoint", paramLabel = "FILE", required = true,
            description = "The checkpoint (safetensors) whose item tower embeds the catalogue.")
    private Path checkpoint;

    @Option(names = "--out", paramLabel = "DIR", required = true,
            description = "The index directory to create (must be new or empty).")
    private Path out;

    @Option(names = "--exact", description = "Build an exact (brute-force) index instead of HNSW.")
    private boolean exact;

    @Option(names = "--m", paramLabel = "M", defaultValue = "" + HnswOptions.DEFAULT_MAX_CONNECTIONS,
            description = "HNSW max connections (default: ${DEFAULT-VALUE}).")
    private int m;

    @Option(names = "--beam-width", paramLabel = "B", defaultValue = "" + HnswOptions.DEFAULT_BEAM_WIDTH,
            description = "HNSW beam width at build time (default: ${DEFAULT-VALUE}).")
    private int beamWidth;

    @Option(names = "--ef", paramLabel = "EF", defaultValue = "" + HnswOptions.DEFAULT_EF_SEARCH,
            description = "HNSW ef at search time, recorded in the index (default: ${DEFAULT-VALUE}).")
    private int ef;

    @Option(names = "--build-threads", paramLabel = "N", defaultValue = "1",
            description = "HNSW build threads; more pay off only with spare cores (default: ${DEFAULT-VALUE}).")
    private int buildThreads;

    @Option(names = "--seed", paramLabel = "S",
            description = "Seed of the item vectors; must be the training seed (default: the seed recorded in the "
                    + "checkpoint, else 42).")
    private Long seed;

    @Option(names = "--json", description = "Print a JSON summary as the last line of stdout.")
    private boolean json;

    IndexCommand() {
        this(Backends::discover);
    }

    IndexCommand(Supplier<Backends> backends) {
        this.backends = backends;
    }

    @Override
    public Integer call() {
        Commands.positive(spec, "--m", m);
        Commands.positive(spec, "--beam-width", beamWidth);
        Commands.positive(spec, "--ef", ef);
        Commands.positive(spec, "--build-threads", buildThreads);
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!Outputs.folder(err, "--out", out)) {
            return 1;
        }
        try {
            Checkpoint model = Checkpoint.read(checkpoint);
            long s = seed != null ? seed : Commands.recordedSeed(spec, model);
            try (Backend backend = args.open(backends, Capability.INFER)) {
                ExperimentOptions options = ExperimentOptions.defaults(s);
                Experiment experiment = Experiment.prepare(args.load(), model.spec(), options);
                ItemCatalog catalog = experiment.dataset().catalog();
                int threads = Runtime.getRuntime().availableProcessors();
                long t0 = System.nanoTime();
                ItemIndex index;
                try (ItemEncoder encoder = backend.itemEncoder(model)) {
                    if (exact) {
                        ExactItemIndex e = ItemIndexes.exact(encoder, catalog, model.spec(),
                                options.encodeBatchSize(), threads);
                        e.save(out);
                        index = e;
                    } else {
                        index = ItemIndexes.hnsw(encoder, catalog, model.spec(), options.encodeBatchSize(),
                                new HnswOptions(m, beamWidth, ef, buildThreads), out);
                    }
                }
                try (ItemIndex built = index) {
                    double seconds = (System.nanoTime() - t0) / 1e9;
                    String kind = exact ? "exact" : "hnsw";
                    stdout.printf(Locale.ROOT, "indexed %,d of %,d items (D=%d, %s) into %s in %.1f s%n",
                            built.size(), catalog.size(), built.dimension(), kind, out, seconds);
                    if (json) {
                        stdout.println(new Summary("index").field("backend", backend.name())
                                .field("checkpoint", checkpoint.toString()).field("seed", s).field("kind", kind)
                                .field("items", built.size()).field("dimension", built.dimension())
                                .field("out", out.toString()).field("seconds", seconds));
                    }
                }
                stdout.flush();
                return 0;
            }
        } catch (PinnerFormerException | IllegalArgumentException | UncheckedIOException e) {
            return Commands.fail(err, e);
        }
    }
}
