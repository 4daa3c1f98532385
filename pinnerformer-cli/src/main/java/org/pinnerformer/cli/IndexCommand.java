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
import org.pinnerformer.core.bundle.ModelBundle;
import org.pinnerformer.core.data.ItemCatalog;
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
 * {@code pinnerformer index}: the item index of a model bundle. Every item of the bundle (the item vectors the model
 * was trained with, never derived again from data) goes through the item tower, and the embeddings are indexed (HNSW
 * by default, or exact) into a new directory that {@link ItemIndexes#open} reopens; the index records the bundle's
 * model id.
 */
@Command(name = "index", mixinStandardHelpOptions = true,
        description = "Build the item index (HNSW or exact) of a model bundle's items.")
final class IndexCommand implements Callable<Integer> {
    private final Supplier<Backends> backends;

    @Spec
    private CommandSpec spec;

    @Mixin
    private BackendArgs backendArgs;

    @Option(names = "--model", paramLabel = "BUNDLE", required = true,
            description = "The model bundle (written by `train`) whose item tower embeds its items.")
    private Path model;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "256",
            description = "Items per encoder call (default: ${DEFAULT-VALUE}).")
    private int batch;

    @Option(names = "--out", paramLabel = "DIR", required = true,
            description = "The index directory to create (must be new or empty).")
    private Path out;

    @Option(names = "--exact", description = "Build an exact (brute-force) index instead of HNSW.")
    private boolean exact;

    @Option(names = "--hnsw-m", paramLabel = "M", defaultValue = "" + HnswOptions.DEFAULT_MAX_CONNECTIONS,
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
        Commands.positive(spec, "--hnsw-m", m);
        Commands.positive(spec, "--beam-width", beamWidth);
        Commands.positive(spec, "--ef", ef);
        Commands.positive(spec, "--build-threads", buildThreads);
        Commands.positive(spec, "--batch", batch);
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!Outputs.folder(err, "--out", out)) {
            return 1;
        }
        try {
            ModelBundle bundle = ModelBundle.open(model);
            Checkpoint checkpoint = bundle.checkpoint();
            try (Backend backend = backendArgs.open(backends, Capability.INFER)) {
                ItemCatalog catalog = bundle.items();
                int threads = Runtime.getRuntime().availableProcessors();
                long t0 = System.nanoTime();
                ItemIndex index;
                try (ItemEncoder encoder = backend.itemEncoder(checkpoint)) {
                    if (exact) {
                        ExactItemIndex e = ItemIndexes.exact(encoder, catalog, checkpoint.spec(), batch, threads);
                        e.save(out, bundle.modelId());
                        index = e;
                    } else {
                        index = ItemIndexes.hnsw(encoder, catalog, checkpoint.spec(), bundle.modelId(), batch,
                                new HnswOptions(m, beamWidth, ef, buildThreads), out);
                    }
                }
                try (ItemIndex built = index) {
                    double seconds = (System.nanoTime() - t0) / 1e9;
                    String kind = exact ? "exact" : "hnsw";
                    stdout.printf(Locale.ROOT, "indexed %,d of %,d items (D=%d, %s) into %s in %.1f s (model %s)%n",
                            built.size(), catalog.size(), built.dimension(), kind, out, seconds, bundle.modelId());
                    if (json) {
                        stdout.println(new Summary("index").field("backend", backend.name())
                                .field("model", model.toString()).field("model_id", bundle.modelId()).field("kind", kind)
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
