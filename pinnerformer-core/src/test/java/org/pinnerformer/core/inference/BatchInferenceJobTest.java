package org.pinnerformer.core.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.pinnerformer.core.inference.JobFixtures.RUN1;
import static org.pinnerformer.core.inference.JobFixtures.RUN2;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pinnerformer.api.BackendException;
import org.pinnerformer.api.Backends;
import org.pinnerformer.api.Checkpoint;
import org.pinnerformer.api.EmbeddingStore;
import org.pinnerformer.api.InferenceBatch;
import org.pinnerformer.api.ModelMismatchException;
import org.pinnerformer.api.ProgressListener;
import org.pinnerformer.api.objective.TrainingOptions;
import org.pinnerformer.core.backend.JavaBackendProvider;
import org.pinnerformer.core.data.ItemCatalog;
import org.pinnerformer.core.data.Timelines;
import org.pinnerformer.core.features.InferenceBatches;
import org.pinnerformer.core.features.SequenceFeatures;
import org.pinnerformer.core.store.InMemoryEmbeddingStore;
import org.pinnerformer.core.store.SnapshotEmbeddingStore;
import org.pinnerformer.core.store.StoreOptions;
import org.pinnerformer.spi.Backend;
import org.pinnerformer.spi.BackendOptions;
import org.pinnerformer.spi.Capability;
import org.pinnerformer.spi.ItemEncoder;
import org.pinnerformer.spi.Trainer;
import org.pinnerformer.spi.UserEncoder;

class BatchInferenceJobTest {
    private static final LocalDate DAY1 = LocalDate.of(2026, 3, 1);
    private static final LocalDate DAY2 = LocalDate.of(2026, 3, 2);
    private static final ItemCatalog CATALOG = JobFixtures.catalog();
    private static final Timelines TIMELINES = JobFixtures.timelines(CATALOG);
    private static final Checkpoint MODEL = JobFixtures.checkpoint(3);
    private static final SequenceFeatures FEATURES = new SequenceFeatures(JobFixtures.spec(), TIMELINES, CATALOG);

    private static int index(long userId) {
        for (int u = 0; u < TIMELINES.userCount(); u++) {
            if (TIMELINES.userId(u) == userId) {
                return u;
            }
        }
        throw new AssertionError("no user " + userId);
    }

    private static float[] alone(UserEncoder encoder, long userId, double cut) {
        return encoder.encode(InferenceBatches.at(FEATURES, new int[] {index(userId)}, cut));
    }

    @Test
    void aFirstRunEmbedsEveryoneWithAnActionUpToTheRunTime() {
        List<int[]> progress = new ArrayList<>();
        try (Backend backend = JobFixtures.javaBackend(); UserEncoder encoder = backend.userEncoder(MODEL);
                InMemoryEmbeddingStore store = new InMemoryEmbeddingStore(3)) {
            BatchInferenceResult r = new BatchInferenceJob(backend, MODEL, new BatchInferenceOptions(7, 2))
                    .run(DailyInput.first(DAY1, TIMELINES, CATALOG, RUN1), store,
                            (label, done, total) -> progress.add(new int[] {done, total}));
            // users 0..37 act before day 8; 38 (day 8.2) and 39 (day 9.9) do not.
            assertThat(r.embedded()).isEqualTo(38);
            assertThat(r.carriedOver()).isZero();
            assertThat(r.failed()).isEmpty();
            assertThat(r.fullRun()).isTrue();
            assertThat(r.modelId()).isEqualTo(MODEL.id());
            assertThat(r.backend()).isEqualTo("java");
            EmbeddingStore.Snapshot s = store.snapshot(DAY1).orElseThrow();
            assertThat(s.size()).isEqualTo(38);
            assertThat(s.vector(5038)).isEmpty();
            for (long id : new long[] {5000, 5001, 5017, 5037}) {
                assertThat(s.vector(id).orElseThrow()).containsExactly(alone(encoder, id, RUN1), within(1e-6f));
            }
            assertThat(progress.get(0)).containsExactly(0, 38);
            assertThat(progress.get(progress.size() - 1)).containsExactly(38, 38);
            assertThat(progress).hasSize(1 + 6); // ceil(38 / 7) batches
        }
    }

    @Test
    void aDailyRunEmbedsOnlyUsersWithNewActionsAndCarriesTheOthersOver() {
        try (Backend backend = JobFixtures.javaBackend(); UserEncoder encoder = backend.userEncoder(MODEL);
                InMemoryEmbeddingStore store = new InMemoryEmbeddingStore(3)) {
            BatchInferenceJob job = new BatchInferenceJob(backend, MODEL, new BatchInferenceOptions(5, 1));
            job.run(DailyInput.first(DAY1, TIMELINES, CATALOG, RUN1), store, ProgressListener.none());
            EmbeddingStore.Snapshot first = store.snapshot(DAY1).orElseThrow();
            BatchInferenceResult r = job.run(DailyInput.after(DAY2, TIMELINES, CATALOG, RUN2, RUN1, first), store,
                    ProgressListener.none());
            // New actions in (RUN1, RUN2]: u % 3 == 0 for u < 38 (13 users: 0, 3, ..., 36) and the new user 38.
            assertThat(r.embedded()).isEqualTo(14);
            assertThat(r.carriedOver()).isEqualTo(38 - 13);
            assertThat(r.fullRun()).isFalse();
            EmbeddingStore.Snapshot second = store.snapshot(DAY2).orElseThrow();
            assertThat(second.size()).isEqualTo(39);
            assertThat(second.vector(5039)).isEmpty();
            for (long id : new long[] {5000, 5036, 5038}) {
                assertThat(second.vector(id).orElseThrow()).containsExactly(alone(encoder, id, RUN2),
                        within(1e-6f));
            }
            assertThat(second.vector(5000).orElseThrow()).isNotEqualTo(first.vector(5000).orElseThrow());
            // Carried over exactly, including user 5001 whose day-9.8 action is after the run.
            for (long id : new long[] {5001, 5002, 5037}) {
                assertThat(second.vector(id).orElseThrow()).containsExactly(first.vector(id).orElseThrow());
            }
        }
    }

    @Test
    void aPreviousSnapshotOfAnotherModelIsRefusedNamingBothIds() {
        try (Backend backend = JobFixtures.javaBackend(); InMemoryEmbeddingStore store = new InMemoryEmbeddingStore(3)) {
            new BatchInferenceJob(backend, JobFixtures.checkpoint(99), "model-a", BatchInferenceOptions.defaults())
                    .run(DailyInput.first(DAY1, TIMELINES, CATALOG, RUN1), store, ProgressListener.none());
            DailyInput next = DailyInput.after(DAY2, TIMELINES, CATALOG, RUN2, RUN1, store.latest().orElseThrow());
            assertThatThrownBy(() -> new BatchInferenceJob(backend, MODEL, "model-b", BatchInferenceOptions.defaults())
                    .run(next, store, ProgressListener.none()))
                    .isInstanceOf(ModelMismatchException.class)
                    .hasMessageContaining("model-a").hasMessageContaining("model-b")
                    .hasMessageContaining("--reembed-all");
            assertThat(store.snapshot(DAY2)).isEmpty();
        }
    }

    @Test
    void withReembedAllAPreviousSnapshotOfAnotherModelIsReplacedByAFullRun() {
        try (Backend backend = JobFixtures.javaBackend(); InMemoryEmbeddingStore store = new InMemoryEmbeddingStore(3)) {
            new BatchInferenceJob(backend, JobFixtures.checkpoint(99), BatchInferenceOptions.defaults())
                    .run(DailyInput.first(DAY1, TIMELINES, CATALOG, RUN1), store, ProgressListener.none());
            BatchInferenceResult r = new BatchInferenceJob(backend, MODEL,
                    BatchInferenceOptions.defaults().withReembedAll(true))
                    .run(DailyInput.after(DAY2, TIMELINES, CATALOG, RUN2, RUN1, store.latest().orElseThrow()), store,
                            ProgressListener.none());
            assertThat(r.fullRun()).isTrue();
            assertThat(r.embedded()).isEqualTo(39);
            assertThat(r.carriedOver()).isZero();
            assertThat(store.snapshot(DAY2).orElseThrow().modelId()).isEqualTo(MODEL.id());
        }
    }

    @Test
    void aUserTheEncoderFailsOnIsReportedAndKeepsItsPreviousVector() {
        try (Backend java = JobFixtures.javaBackend(); InMemoryEmbeddingStore store = new InMemoryEmbeddingStore(3)) {
            new BatchInferenceJob(java, MODEL, new BatchInferenceOptions(4, 1))
                    .run(DailyInput.first(DAY1, TIMELINES, CATALOG, RUN1), store, ProgressListener.none());
            EmbeddingStore.Snapshot first = store.latest().orElseThrow();
            // 5003 has a new action and a previous vector; 5038 is new; 5001 has no new action (carried over).
            Backend failing = new FailingBackend(java, Set.of(5003L, 5038L, 5001L));
            BatchInferenceResult r = new BatchInferenceJob(failing, MODEL, new BatchInferenceOptions(4, 2))
                    .run(DailyInput.after(DAY2, TIMELINES, CATALOG, RUN2, RUN1, first), store,
                            ProgressListener.none());
            assertThat(r.failed()).containsExactlyInAnyOrder(
                    new EmbedFailure(5003, "IllegalStateException: cannot encode user 5003", true),
                    new EmbedFailure(5038, "IllegalStateException: cannot encode user 5038", false));
            assertThat(r.embedded()).isEqualTo(12);
            assertThat(r.carriedOver()).isEqualTo(25);
            assertThat(r.published()).isEqualTo(38);
            EmbeddingStore.Snapshot second = store.latest().orElseThrow();
            assertThat(second.size()).isEqualTo(38);
            assertThat(second.vector(5003).orElseThrow()).containsExactly(first.vector(5003).orElseThrow());
            assertThat(second.vector(5038)).isEmpty();
            // The other users of the failing batches were still embedded at the new cut.
            assertThat(second.vector(5000).orElseThrow()).isNotEqualTo(first.vector(5000).orElseThrow());
        }
    }

    @Test
    void moreThreadsAndRerunsPublishTheSameBytes(@TempDir Path dir) throws Exception {
        byte[][] files = new byte[3][];
        int[] threads = {1, 3, 3};
        try (Backend backend = JobFixtures.javaBackend()) {
            for (int i = 0; i < 3; i++) {
                Path d = i == 2 ? dir.resolve("run1") : dir.resolve("run" + i);
                try (SnapshotEmbeddingStore store = SnapshotEmbeddingStore.open(d, StoreOptions.defaults())) {
                    new BatchInferenceJob(backend, MODEL, new BatchInferenceOptions(6, threads[i]))
                            .run(DailyInput.first(DAY1, TIMELINES, CATALOG, RUN1), store, ProgressListener.none());
                    files[i] = Files.readAllBytes(store.file(DAY1));
                    assertThat(store.dates()).containsExactly(DAY1);
                }
            }
        }
        assertThat(files[1]).isEqualTo(files[0]);
        assertThat(files[2]).isEqualTo(files[0]); // the same day again, in the same store
    }

    @Test
    void rejectsABackendThatCannotInferAndBadOptions() {
        try (Backend java = JobFixtures.javaBackend()) {
            Backend trainOnly = new FailingBackend(java, Set.of()) {
                @Override
                public Set<Capability> capabilities() {
                    return Set.of(Capability.TRAIN);
                }
            };
            assertThatThrownBy(() -> new BatchInferenceJob(trainOnly, MODEL, BatchInferenceOptions.defaults()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("backend 'failing' cannot infer (it can do [TRAIN])");
        }
        assertThatThrownBy(() -> new BatchInferenceOptions(0, 1)).hasMessage("batchSize must be > 0, was 0");
        assertThatThrownBy(() -> new BatchInferenceOptions(1, 0)).hasMessage("threads must be > 0, was 0");
        assertThatThrownBy(() -> DailyInput.first(DAY1, TIMELINES, CATALOG, Double.NaN))
                .hasMessage("runTime must be a finite time in epoch seconds, was NaN");
        assertThatThrownBy(() -> new DailyInput(DAY1, TIMELINES, CATALOG, RUN1, java.util.OptionalDouble.of(RUN2),
                java.util.Optional.empty())).hasMessage("previousRunTime must be <= runTime " + RUN1 + ", was "
                        + RUN2);
    }

    @Test
    void opensTheNamedBackendElseTheServingOneElseAnyThatInfers() {
        Backends javaOnly = Backends.of(List.of(new JavaBackendProvider()));
        try (Backend b = BatchInferenceJob.openBackend(javaOnly, Optional.empty(), BackendOptions.defaults())) {
            assertThat(b.name()).isEqualTo("java");
        }
        try (Backend b = BatchInferenceJob.openBackend(javaOnly, Optional.of("java"), BackendOptions.defaults())) {
            assertThat(b.name()).isEqualTo("java");
        }
        assertThatThrownBy(() -> BatchInferenceJob.openBackend(javaOnly, Optional.of("onnx"),
                BackendOptions.defaults())).isInstanceOf(BackendException.class)
                .hasMessageStartingWith("no PinnerFormer backend named 'onnx' was found.");
    }

    /** Encodes with the java backend but throws for some users. */
    static class FailingBackend implements Backend {
        private final Backend inner;
        private final Set<Long> bad;

        FailingBackend(Backend inner, Set<Long> bad) {
            this.inner = inner;
            this.bad = bad;
        }

        @Override
        public String name() {
            return "failing";
        }

        @Override
        public Set<Capability> capabilities() {
            return Set.of(Capability.INFER);
        }

        @Override
        public Trainer trainer(Checkpoint initial, TrainingOptions options) {
            throw new UnsupportedOperationException();
        }

        @Override
        public UserEncoder userEncoder(Checkpoint checkpoint) {
            UserEncoder e = inner.userEncoder(checkpoint);
            return new UserEncoder() {
                @Override
                public int outputSize() {
                    return e.outputSize();
                }

                @Override
                public float[] encode(InferenceBatch batch) {
                    for (long id : batch.userIds()) {
                        if (bad.contains(id)) {
                            throw new IllegalStateException("cannot encode user " + id);
                        }
                    }
                    return e.encode(batch);
                }

                @Override
                public float[] encodeAllPositions(InferenceBatch batch) {
                    return e.encodeAllPositions(batch);
                }

                @Override
                public void close() {
                    e.close();
                }
            };
        }

        @Override
        public ItemEncoder itemEncoder(Checkpoint checkpoint) {
            return inner.itemEncoder(checkpoint);
        }

        @Override
        public void close() {
        }
    }
}
