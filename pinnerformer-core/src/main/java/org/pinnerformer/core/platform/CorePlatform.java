package org.pinnerformer.core.platform;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Supplier;
import org.pinnerformer.api.BackendChoice;
import org.pinnerformer.api.Backends;
import org.pinnerformer.api.DataSource;
import org.pinnerformer.api.EmbeddingStore;
import org.pinnerformer.api.Model;
import org.pinnerformer.api.ModelSpec;
import org.pinnerformer.api.PinnerFormerException;
import org.pinnerformer.api.ProgressListener;
import org.pinnerformer.api.Recommender;
import org.pinnerformer.api.objective.TrainingOptions;
import org.pinnerformer.core.bundle.ModelBundle;
import org.pinnerformer.core.data.Dataset;
import org.pinnerformer.core.pipeline.Experiment;
import org.pinnerformer.core.pipeline.ExperimentOptions;
import org.pinnerformer.core.store.SnapshotEmbeddingStore;
import org.pinnerformer.core.store.StoreOptions;
import org.pinnerformer.core.train.TrainingResult;
import org.pinnerformer.spi.Backend;
import org.pinnerformer.spi.PlatformProvider;

/**
 * The front door's implementation: trains through {@link Experiment} (the paper's split: some users validate and
 * choose the kept checkpoint), writes and opens {@link ModelBundle}s, and serves through the inference, store and
 * retrieval packages. Backends are discovered once per operation through {@link Backends#discover()}.
 */
public final class CorePlatform implements PlatformProvider {
    private final Supplier<Backends> backends;

    /** The implementation {@link java.util.ServiceLoader} creates; it does no work. */
    public CorePlatform() {
        this(Backends::discover);
    }

    /** An implementation over explicit backends (tests). */
    CorePlatform(Supplier<Backends> backends) {
        this.backends = Objects.requireNonNull(backends, "backends");
    }

    @Override
    public Model train(DataSource data, ModelSpec spec, TrainingOptions options, Path bundle,
            ProgressListener listener, BackendChoice backend) {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(listener, "listener");
        Objects.requireNonNull(backend, "backend");
        ModelBundle.requireWritable(bundle);
        Dataset raw = DataSources.read(data);
        Experiment experiment = Experiment.prepare(raw, spec, ExperimentOptions.defaults(options.seed()));
        try (Backend trainer = BackendPicker.forTraining(backends.get(), backend)) {
            TrainingResult result = experiment.train(trainer, options, new TrainingProgress(listener));
            experiment.writeBundle(bundle, result, options);
        }
        return open(bundle, backend);
    }

    @Override
    public Model open(Path bundle, BackendChoice backend) {
        return new BundleModel(ModelBundle.open(bundle), backends, Objects.requireNonNull(backend, "backend"));
    }

    /**
     * {@inheritDoc} Closing the recommender closes the index and the store; {@link
     * org.pinnerformer.core.retrieval.Recommender#open} checks that the snapshot and the index are of one model.
     */
    @Override
    public Recommender recommender(Path store, Path index) {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(index, "index");
        if (!Files.isDirectory(store)) {
            throw new PinnerFormerException("the embedding store " + store + " does not exist; run the daily job"
                    + " (Model.runDailyJob) to create it");
        }
        SnapshotEmbeddingStore snapshots = SnapshotEmbeddingStore.open(store, StoreOptions.defaults());
        try {
            EmbeddingStore.Snapshot latest = snapshots.latest().orElseThrow(() -> new PinnerFormerException(
                    "the embedding store " + store + " has no published snapshot; run the daily job"
                            + " (Model.runDailyJob) first"));
            org.pinnerformer.core.retrieval.Recommender serving =
                    org.pinnerformer.core.retrieval.Recommender.open(latest, index, 1);
            return new PlatformRecommender(serving.modelId(), latest::vector, serving.index(), () -> {
                try {
                    serving.close();
                } finally {
                    snapshots.close();
                }
            });
        } catch (RuntimeException e) {
            snapshots.close();
            throw e;
        }
    }
}
