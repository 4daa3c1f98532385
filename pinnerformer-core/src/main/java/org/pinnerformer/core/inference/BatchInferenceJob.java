package org.pinnerformer.core.inference;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.pinnerformer.api.BackendException;
import org.pinnerformer.api.Backends;
import org.pinnerformer.api.Checkpoint;
import org.pinnerformer.api.EmbeddingStore;
import org.pinnerformer.api.ModelMismatchException;
import org.pinnerformer.api.PinnerFormerException;
import org.pinnerformer.api.ProgressListener;
import org.pinnerformer.core.data.Timelines;
import org.pinnerformer.core.features.InferenceBatches;
import org.pinnerformer.core.features.SequenceFeatures;
import org.pinnerformer.core.store.IndexedSnapshot;
import org.pinnerformer.spi.Backend;
import org.pinnerformer.spi.BackendOptions;
import org.pinnerformer.spi.BackendProvider;
import org.pinnerformer.spi.Capability;
import org.pinnerformer.spi.UserEncoder;

/**
 * The daily batch job: embeds every user with an action after the previous run (and every user the previous
 * snapshot lacks) from the last {@code M} actions up to the run time, copies the previous snapshot's vector for
 * everyone else, and publishes the day's snapshot. Without a usable previous snapshot (none, or one computed with
 * another checkpoint or dimension) everyone with an action up to the run time is embedded.
 *
 * <p>Batches are encoded on {@link BatchInferenceOptions#threads()} threads, each with its own encoder; results are
 * written and reported in batch order on the calling thread, so the snapshot does not depend on the thread count's
 * timing and a rerun of the same day with the same input publishes the same file. Nothing is visible in the store
 * before the final publish: a crash leaves the previous snapshots as they were.
 */
public final class BatchInferenceJob {
    /** The backend name preferred for serving when no name is given. */
    public static final String SERVING_BACKEND = "onnx";

    private final Backend backend;
    private final Checkpoint checkpoint;
    private final BatchInferenceOptions options;
    private final String modelId;

    /**
     * A job for a checkpoint outside a bundle (evaluation): its model id is the checkpoint's {@link Checkpoint#id()}.
     *
     * @throws IllegalArgumentException if the backend cannot infer
     */
    public BatchInferenceJob(Backend backend, Checkpoint checkpoint, BatchInferenceOptions options) {
        this(backend, checkpoint, checkpoint.id(), options);
    }

    /**
     * A job that encodes with a backend (borrowed: closing it stays with the caller) and the checkpoint of the model
     * {@code modelId} (a bundle's model id), which its snapshots record.
     *
     * @throws IllegalArgumentException if the backend cannot infer
     */
    public BatchInferenceJob(Backend backend, Checkpoint checkpoint, String modelId, BatchInferenceOptions options) {
        this.backend = Objects.requireNonNull(backend, "backend");
        this.checkpoint = Objects.requireNonNull(checkpoint, "checkpoint");
        this.options = Objects.requireNonNull(options, "options");
        this.modelId = Objects.requireNonNull(modelId, "modelId");
        if (!backend.capabilities().contains(Capability.INFER)) {
            throw new IllegalArgumentException("backend '" + backend.name() + "' cannot infer (it can do "
                    + backend.capabilities() + ")");
        }
    }

    /**
     * Opens the backend for the job: the named one when {@code name} is present, else {@value #SERVING_BACKEND}
     * when it is found and usable, else the first usable backend that can infer.
     *
     * @throws BackendException when the named backend is missing or unusable, or none can infer
     */
    public static Backend openBackend(Backends backends, Optional<String> name, BackendOptions options) {
        Objects.requireNonNull(backends, "backends");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(options, "options");
        if (name.isPresent()) {
            return backends.create(name.get(), options, Capability.INFER);
        }
        Optional<BackendProvider> serving = backends.find(SERVING_BACKEND);
        if (serving.isPresent() && serving.get().capabilities().contains(Capability.INFER)
                && serving.get().probe().usable()) {
            return serving.get().create(options);
        }
        return backends.create(options, Capability.INFER);
    }

    /**
     * Runs the job and publishes the day's snapshot to {@code store}.
     *
     * @param listener hears {@code ("embed DATE", usersDone, usersToEmbed)} after each batch, on this thread
     * @throws IllegalArgumentException if the checkpoint does not fit the timelines' vocabularies or the catalogue
     * @throws ModelMismatchException if the previous snapshot is of another model and re-embedding is off
     */
    public BatchInferenceResult run(DailyInput input, EmbeddingStore store, ProgressListener listener) {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(listener, "listener");
        long started = System.nanoTime();
        SequenceFeatures features = new SequenceFeatures(checkpoint.spec(), input.timelines(), input.catalog());
        int d = checkpoint.spec().outputSize();
        if (input.previous().isPresent() && !options.reembedAll()) {
            EmbeddingStore.Snapshot p = input.previous().get();
            if (!p.modelId().equals(modelId)) {
                throw new ModelMismatchException("refusing to mix models in one store: the previous snapshot ("
                        + p.date() + ") was computed with model " + p.modelId() + " but this job embeds with model "
                        + modelId + "; embed with the previous snapshot's model, or re-embed everyone"
                        + " (BatchInferenceOptions.withReembedAll, `embed --reembed-all`)");
            }
        }
        Optional<EmbeddingStore.Snapshot> previous = input.previous()
                .filter(p -> p.modelId().equals(modelId) && p.dimension() == d);
        boolean fullRun = previous.isEmpty() || input.previousRunTime().isEmpty();
        int[] users = select(input, previous, fullRun);
        long[] embedIds = new long[users.length];
        for (int i = 0; i < users.length; i++) {
            embedIds[i] = input.timelines().userId(users[i]);
        }
        long[] sortedEmbedIds = embedIds.clone();
        Arrays.sort(sortedEmbedIds);
        List<EmbedFailure> failures = new ArrayList<>();
        long carried = 0;
        int embedded = 0;
        String label = "embed " + input.date();
        try (EmbeddingStore.Writer writer = store.writer(input.date(), modelId, d)) {
            if (!fullRun) {
                carried = carryOver(previous.get(), input.timelines(), sortedEmbedIds, writer);
            }
            listener.progress(label, 0, users.length);
            embedded = embed(features, users, input.runTime(), d, writer, previous, failures, listener, label);
            writer.publish();
        }
        return new BatchInferenceResult(input.date(), modelId, backend.name(), embedded, carried, failures,
                fullRun, (System.nanoTime() - started) / 1e9);
    }

    private static int[] select(DailyInput input, Optional<EmbeddingStore.Snapshot> previous, boolean fullRun) {
        Timelines t = input.timelines();
        double now = input.runTime();
        if (fullRun) {
            return InferenceBatches.usersActiveBy(t, now);
        }
        double before = input.previousRunTime().getAsDouble();
        EmbeddingStore.Snapshot prev = previous.get();
        int[] out = new int[t.userCount()];
        int n = 0;
        for (int u = 0; u < t.userCount(); u++) {
            int end = t.firstAfter(u, now);
            if (end == t.start(u)) {
                continue;
            }
            if (end > t.firstAfter(u, before) || prev.vector(t.userId(u)).isEmpty()) {
                out[n++] = u;
            }
        }
        return Arrays.copyOf(out, n);
    }

    private static long carryOver(EmbeddingStore.Snapshot prev, Timelines timelines, long[] sortedEmbedIds,
            EmbeddingStore.Writer writer) {
        long carried = 0;
        if (prev instanceof IndexedSnapshot indexed) {
            float[] v = new float[indexed.dimension()];
            for (long i = 0; i < indexed.size(); i++) {
                long id = indexed.userId(i);
                if (Arrays.binarySearch(sortedEmbedIds, id) < 0) {
                    indexed.copyVector(i, v, 0);
                    writer.put(id, v);
                    carried++;
                }
            }
            return carried;
        }
        // A snapshot that cannot be enumerated: carry over the users of the timelines it has.
        for (int u = 0; u < timelines.userCount(); u++) {
            long id = timelines.userId(u);
            if (Arrays.binarySearch(sortedEmbedIds, id) < 0) {
                Optional<float[]> v = prev.vector(id);
                if (v.isPresent()) {
                    writer.put(id, v.get());
                    carried++;
                }
            }
        }
        return carried;
    }

    private int embed(SequenceFeatures features, int[] users, double cut, int d, EmbeddingStore.Writer writer,
            Optional<EmbeddingStore.Snapshot> previous, List<EmbedFailure> failures, ProgressListener listener,
            String label) {
        if (users.length == 0) {
            return 0;
        }
        int threads = Math.min(options.threads(), (users.length + options.batchSize() - 1) / options.batchSize());
        BlockingQueue<UserEncoder> encoders = new ArrayBlockingQueue<>(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread th = new Thread(r, "pinnerformer-embed");
            th.setDaemon(true);
            return th;
        });
        int embedded = 0;
        try {
            for (int i = 0; i < threads; i++) {
                encoders.add(backend.userEncoder(checkpoint));
            }
            ArrayDeque<Future<Encoded>> inFlight = new ArrayDeque<>();
            int done = 0;
            for (int from = 0; from < users.length || !inFlight.isEmpty();) {
                if (from < users.length && inFlight.size() < 2 * threads) {
                    int[] part = Arrays.copyOfRange(users, from, Math.min(users.length, from + options.batchSize()));
                    from += part.length;
                    inFlight.add(pool.submit(() -> encode(encoders, features, part, cut, d)));
                    continue;
                }
                Encoded e = await(inFlight.poll());
                for (int b = 0; b < e.ids().length; b++) {
                    if (e.errors()[b] == null) {
                        writer.put(e.ids()[b], Arrays.copyOfRange(e.vectors(), b * d, (b + 1) * d));
                        embedded++;
                    } else {
                        long id = e.ids()[b];
                        Optional<float[]> old = previous.flatMap(p -> p.vector(id));
                        old.ifPresent(v -> writer.put(id, v));
                        failures.add(new EmbedFailure(id, e.errors()[b], old.isPresent()));
                    }
                }
                done += e.ids().length;
                listener.progress(label, done, users.length);
            }
        } finally {
            pool.shutdownNow();
            for (UserEncoder enc : encoders) {
                enc.close();
            }
        }
        return embedded;
    }

    private record Encoded(long[] ids, float[] vectors, String[] errors) {
    }

    private static Encoded encode(BlockingQueue<UserEncoder> encoders, SequenceFeatures features, int[] users,
            double cut, int d) throws InterruptedException {
        UserEncoder encoder = encoders.take();
        try {
            long[] ids = new long[users.length];
            for (int b = 0; b < users.length; b++) {
                ids[b] = features.timelines().userId(users[b]);
            }
            String[] errors = new String[users.length];
            float[] out = UserBatchEncoding.encode(encoder, features, users, cut, d, errors);
            return new Encoded(ids, out, errors);
        } finally {
            encoders.add(encoder);
        }
    }

    private static Encoded await(Future<Encoded> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PinnerFormerException("the batch inference job was interrupted", e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException r) {
                throw r;
            }
            throw new PinnerFormerException("a batch of the inference job failed: " + c, c);
        }
    }
}
