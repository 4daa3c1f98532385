package org.pinnerformer.api;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.ServiceLoader;
import org.pinnerformer.api.objective.TrainingOptions;
import org.pinnerformer.spi.PlatformProvider;

/**
 * The front door: everything an application does with PinnerFormer starts here. Train a model bundle from a data set,
 * open a bundle, embed users by their ids, build or open an item index, run the daily job and recommend, on a backend
 * chosen automatically, by name or by capability. Nothing from {@code org.pinnerformer.spi} is needed.
 *
 * <pre>{@code
 * PinnerFormer pf = PinnerFormer.load();
 * DataSource movies = DataSource.movieLens(Path.of("data/ml-latest-small"));
 * try (Model model = pf.train(movies, Path.of("model"))) {
 *     Embeddings users = model.embed(movies, List.of(1L, 2L));
 *     try (ItemIndex items = model.buildIndex(); Recommender r = model.recommender(users, items)) {
 *         r.recommend(1L, 10).orElseThrow().forEach(System.out::println);
 *     }
 * }
 * }</pre>
 *
 * <p>The implementation ({@code pinnerformer-core}) is found through {@link ServiceLoader}; backends
 * ({@code pinnerformer-backend-djl}, {@code -onnx}, {@code -tf}, and core's pure-Java {@code java}) likewise.
 * Immutable and thread-safe.
 */
public final class PinnerFormer {
    private final PlatformProvider platform;
    private final BackendChoice backend;

    private PinnerFormer(PlatformProvider platform, BackendChoice backend) {
        this.platform = platform;
        this.backend = backend;
    }

    /**
     * The implementation found on the module path or class path, choosing backends automatically.
     *
     * @throws PinnerFormerException saying what to add when {@code pinnerformer-core} is not on the path, or naming
     *     every implementation when several are
     */
    public static PinnerFormer load() {
        List<String> broken = new ArrayList<>();
        List<PlatformProvider> found = Services.load(PlatformProvider.class, broken);
        if (found.isEmpty()) {
            throw new PinnerFormerException("the PinnerFormer implementation was not found: add pinnerformer-core"
                    + " (org.pinnerformer:pinnerformer-core) to the module path or class path; the api alone cannot"
                    + " train or serve" + (broken.isEmpty() ? "" : ". Providers that could not be loaded: " + broken));
        }
        if (found.size() > 1) {
            throw new PinnerFormerException("several PinnerFormer implementations were found: "
                    + found.stream().map(p -> p.getClass().getName()).toList()
                    + "; keep one pinnerformer-core on the module path or class path");
        }
        return new PinnerFormer(found.get(0), BackendChoice.automatic());
    }

    /** A front door over an explicit implementation (for tests and for applications that wire it by hand). */
    public static PinnerFormer of(PlatformProvider platform) {
        return new PinnerFormer(Objects.requireNonNull(platform, "platform"), BackendChoice.automatic());
    }

    /** This front door running models on the backend of that name ({@code djl}, {@code tf}, {@code onnx}, {@code java}). */
    public PinnerFormer backend(String name) {
        return backend(BackendChoice.named(name));
    }

    /** This front door running models on the backend {@code choice} picks. */
    public PinnerFormer backend(BackendChoice choice) {
        return new PinnerFormer(platform, Objects.requireNonNull(choice, "choice"));
    }

    /** How this front door chooses backends. */
    public BackendChoice backendChoice() {
        return backend;
    }

    /**
     * Trains the small preset ({@link ModelSpec#smallPreset()}) with {@link TrainingOptions#defaults()} on
     * {@code data} and writes the bundle of the checkpoint with the best validation Recall@10 into {@code bundle}.
     *
     * @throws PinnerFormerException if the bundle directory is not new or empty, or no backend can train
     */
    public Model train(DataSource data, Path bundle) {
        return train(data, ModelSpec.smallPreset(), TrainingOptions.defaults(), bundle, ProgressListener.none());
    }

    /**
     * Trains a model of {@code spec} with {@code options} on {@code data}: some users validate (the kept checkpoint
     * has the best validation Recall@10) and the item content vectors are learned from co-engagement before their
     * cut; writes the bundle into {@code bundle} and opens it.
     *
     * @param listener hears {@code ("train", stepsDone, stepsPlanned)} after each step, on the calling thread
     * @throws PinnerFormerException if the bundle directory is not new or empty, the data cannot be read, or no
     *     backend can train (the message lists the backends found)
     */
    public Model train(DataSource data, ModelSpec spec, TrainingOptions options, Path bundle,
            ProgressListener listener) {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(bundle, "bundle");
        Objects.requireNonNull(listener, "listener");
        return platform.train(data, spec, options, bundle, listener, backend);
    }

    /**
     * Opens a model bundle (written by {@link #train} or {@code pinnerformer train --out}); its checksums are checked
     * first, the backend is opened on first use.
     *
     * @throws CheckpointException naming the bundle and the file, if it is missing or damaged
     */
    public Model open(Path bundle) {
        return platform.open(Objects.requireNonNull(bundle, "bundle"), backend);
    }

    /**
     * Serving: recommends from the latest snapshot the daily job ({@link Model#runDailyJob}) published in
     * {@code store} and the item index saved in {@code index}.
     *
     * @throws ModelMismatchException naming both ids if the snapshot and the index come from different models
     * @throws PinnerFormerException if the store has no snapshot or the directory holds no index
     */
    public Recommender recommender(Path store, Path index) {
        return platform.recommender(Objects.requireNonNull(store, "store"), Objects.requireNonNull(index, "index"));
    }

    @Override
    public String toString() {
        return "PinnerFormer (" + platform.getClass().getName() + ", backend " + backend + ")";
    }
}
