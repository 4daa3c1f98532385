package org.pinnerformer.core.platform;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Supplier;
import org.pinnerformer.api.BackendChoice;
import org.pinnerformer.api.BackendException;
import org.pinnerformer.api.Backends;
import org.pinnerformer.api.DailyJobResult;
import org.pinnerformer.api.DataSource;
import org.pinnerformer.api.EmbeddingStore;
import org.pinnerformer.api.Embeddings;
import org.pinnerformer.api.ItemIndex;
import org.pinnerformer.api.Model;
import org.pinnerformer.api.ModelMismatchException;
import org.pinnerformer.api.ProgressListener;
import org.pinnerformer.api.Recommender;
import org.pinnerformer.core.bundle.ModelBundle;
import org.pinnerformer.core.bundle.ServingData;
import org.pinnerformer.core.data.Dataset;
import org.pinnerformer.core.data.Timelines;
import org.pinnerformer.core.features.InferenceBatches;
import org.pinnerformer.core.features.SequenceFeatures;
import org.pinnerformer.core.inference.BatchInferenceJob;
import org.pinnerformer.core.inference.BatchInferenceOptions;
import org.pinnerformer.core.inference.BatchInferenceResult;
import org.pinnerformer.core.inference.DailyInput;
import org.pinnerformer.core.retrieval.HnswOptions;
import org.pinnerformer.core.retrieval.ItemIndexes;
import org.pinnerformer.core.store.SnapshotEmbeddingStore;
import org.pinnerformer.core.store.StoreOptions;
import org.pinnerformer.spi.Backend;
import org.pinnerformer.spi.ItemEncoder;
import org.pinnerformer.spi.ModelExporter;
import org.pinnerformer.spi.UserEncoder;

/** A model bundle opened through the front door; its backend is opened on first use and closed with the model. */
final class BundleModel implements Model {
    /** Users and items per encoder call. */
    static final int BATCH = 256;

    private final ModelBundle bundle;
    private final Supplier<Backends> backends;
    private final BackendChoice choice;
    private Backend backend;
    private boolean closed;

    BundleModel(ModelBundle bundle, Supplier<Backends> backends, BackendChoice choice) {
        this.bundle = Objects.requireNonNull(bundle, "bundle");
        this.backends = Objects.requireNonNull(backends, "backends");
        this.choice = Objects.requireNonNull(choice, "choice");
    }

    @Override
    public String id() {
        return bundle.modelId();
    }

    @Override
    public Path directory() {
        return bundle.dir();
    }

    @Override
    public int dimension() {
        return bundle.checkpoint().spec().outputSize();
    }

    @Override
    public Embeddings embed(DataSource data, Collection<Long> userIds) {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(userIds, "userIds");
        Backend b = engine();
        ServingData serving = serving(data);
        Timelines t = serving.timelines();
        Map<Long, Integer> dense = new HashMap<>(t.userCount() * 2);
        for (int u = 0; u < t.userCount(); u++) {
            dense.put(t.userId(u), u);
        }
        long[] ids = new long[userIds.size()];
        int[] users = new int[ids.length];
        int n = 0;
        for (Long id : userIds) {
            Objects.requireNonNull(id, "a user id");
            Integer u = dense.get(id);
            if (u == null || t.length(u) == 0) {
                throw new IllegalArgumentException("user " + id + " has no action in " + describe(data)
                        + ", so model " + id() + " cannot embed it; embed users of the data given");
            }
            ids[n] = id;
            users[n++] = u;
        }
        int d = dimension();
        float[] vectors = new float[ids.length * d];
        SequenceFeatures features = new SequenceFeatures(bundle.checkpoint().spec(), t, serving.catalog());
        try (UserEncoder encoder = b.userEncoder(bundle.checkpoint())) {
            for (int from = 0; from < users.length; from += BATCH) {
                int[] part = Arrays.copyOfRange(users, from, Math.min(users.length, from + BATCH));
                float[] out = encoder.encode(InferenceBatches.latest(features, part));
                if (out.length != part.length * d) {
                    throw new BackendException("backend " + b.name() + " returned " + out.length + " values for "
                            + part.length + " users of dimension " + d);
                }
                System.arraycopy(out, 0, vectors, from * d, out.length);
            }
        }
        return new Embeddings(id(), ids, d, vectors);
    }

    @Override
    public ItemIndex buildIndex() {
        Backend b = engine();
        try (ItemEncoder encoder = b.itemEncoder(bundle.checkpoint())) {
            return new ModelItemIndex(ItemIndexes.exact(encoder, bundle.items(), bundle.checkpoint().spec(), BATCH, 1),
                    id());
        }
    }

    @Override
    public ItemIndex buildIndex(Path directory) {
        Objects.requireNonNull(directory, "directory");
        Backend b = engine();
        try (ItemEncoder encoder = b.itemEncoder(bundle.checkpoint())) {
            return new ModelItemIndex(ItemIndexes.hnsw(encoder, bundle.items(), bundle.checkpoint().spec(), id(),
                    BATCH, HnswOptions.defaults(), directory), id());
        }
    }

    @Override
    public ItemIndex openIndex(Path directory) {
        Objects.requireNonNull(directory, "directory");
        checkOpen();
        ModelMismatchException.requireSame(bundle.toString(), id(), "the item index " + directory,
                ItemIndexes.modelIdOf(directory));
        return new ModelItemIndex(ItemIndexes.open(directory, 1), id());
    }

    @Override
    public DailyJobResult runDailyJob(DataSource data, Path store, LocalDate date) {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(date, "date");
        Backend b = engine();
        ServingData serving = serving(data);
        try (SnapshotEmbeddingStore snapshots = SnapshotEmbeddingStore.open(store, StoreOptions.defaults())) {
            Optional<EmbeddingStore.Snapshot> previous = snapshots.dates().stream().filter(d -> d.isBefore(date))
                    .reduce((x, y) -> y).flatMap(snapshots::snapshot);
            OptionalDouble previousRun = previous.isEmpty() ? OptionalDouble.empty()
                    : OptionalDouble.of(endOf(previous.get().date()));
            DailyInput input = new DailyInput(date, serving.timelines(), serving.catalog(), endOf(date),
                    previousRun, previous);
            BatchInferenceResult r = new BatchInferenceJob(b, bundle.checkpoint(), id(),
                    BatchInferenceOptions.defaults()).run(input, snapshots, ProgressListener.none());
            return new DailyJobResult(r.date(), r.modelId(), r.backend(), r.embedded(), r.carriedOver(),
                    r.failed().size(), r.fullRun(), snapshots.directory(), r.seconds());
        }
    }

    @Override
    public Recommender recommender(Embeddings users, ItemIndex items) {
        Objects.requireNonNull(users, "users");
        Objects.requireNonNull(items, "items");
        checkOpen();
        ModelMismatchException.requireSame(bundle.toString(), id(), users.toString(), users.modelId());
        String indexModel = items.modelId().orElseThrow(() -> new ModelMismatchException("the item index " + items
                + " records no model id, so it cannot be checked against " + bundle + "; build it with"
                + " Model.buildIndex or open it with Model.openIndex"));
        ModelMismatchException.requireSame(bundle.toString(), id(), "the item index " + items, indexModel);
        if (items.dimension() != users.dimension()) {
            throw new ModelMismatchException("the embeddings have dimension " + users.dimension()
                    + " but the item index " + items + " has dimension " + items.dimension());
        }
        return new PlatformRecommender(id(), user -> users.contains(user) ? Optional.of(users.vector(user))
                : Optional.empty(), items, () -> { });
    }

    @Override
    public List<Path> export(String format, Path directory) {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(directory, "directory");
        checkOpen();
        ModelExporter exporter = ModelExporter.find(format).orElseThrow(() -> new BackendException(
                "no exporter of format '" + format + "' was found; formats found: "
                        + ModelExporter.discover().stream().map(ModelExporter::format).toList()
                        + " (the onnx format comes with pinnerformer-backend-onnx)"));
        return exporter.export(bundle.checkpoint(), directory);
    }

    @Override
    public synchronized String backend() {
        return backendInstance().name();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (backend != null) {
            backend.close();
            backend = null;
        }
    }

    @Override
    public String toString() {
        return bundle.toString();
    }

    private synchronized Backend engine() {
        return backendInstance();
    }

    private Backend backendInstance() {
        checkOpen();
        if (backend == null) {
            backend = BackendPicker.forInference(backends.get(), choice);
        }
        return backend;
    }

    private synchronized void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the model " + id() + " (" + bundle.dir() + ") is closed");
        }
    }

    private ServingData serving(DataSource data) {
        Dataset raw = DataSources.read(data);
        return ServingData.of(bundle, raw, Optional.empty());
    }

    private static String describe(DataSource data) {
        return data instanceof DataSource.MovieLens m ? "the data set " + m.directory() : data.toString();
    }

    private static double endOf(LocalDate day) {
        return day.plusDays(1).atStartOfDay().toEpochSecond(ZoneOffset.UTC);
    }
}
