package org.pinnerformer.core.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pinnerformer.api.Backends;
import org.pinnerformer.api.DailyJobResult;
import org.pinnerformer.api.DataSource;
import org.pinnerformer.api.Embeddings;
import org.pinnerformer.api.ItemIndex;
import org.pinnerformer.api.Model;
import org.pinnerformer.api.ModelMismatchException;
import org.pinnerformer.api.ModelSpec;
import org.pinnerformer.api.PinnerFormer;
import org.pinnerformer.api.PinnerFormerException;
import org.pinnerformer.api.Recommender;
import org.pinnerformer.api.objective.TrainingOptions;
import org.pinnerformer.core.backend.JavaBackendProvider;
import org.pinnerformer.core.bundle.ModelBundle;
import org.pinnerformer.core.retrieval.ExactItemIndex;
import org.pinnerformer.spi.PlatformProvider;

/**
 * The front door end to end on the bundled ml-latest-small: train (a fake trainer: core has no training backend),
 * open, embed by user id, index, recommend, the daily job; and its refusals.
 */
class FrontDoorTest {
    private static final Path MOVIES_DIR = Path.of(System.getProperty("basedir", "."))
            .resolve("../data/ml-latest-small").normalize();
    private static final DataSource MOVIES = DataSource.movieLens(MOVIES_DIR);
    private static final ModelSpec SPEC = ModelSpec.builder().itemVectorSize(6).actionEmbeddingSize(3)
            .surfaceEmbeddingSize(2).hiddenSize(8).layers(1).heads(2).maxSequenceLength(8).outputSize(4)
            .absolutePeriodsSeconds(3600, 86400).relativePeriodsSeconds(60, 3600, 86400).build();
    private static final PinnerFormer PF = PinnerFormer.of(new CorePlatform(
            () -> Backends.of(List.of(new FakeTrainingProvider(), new JavaBackendProvider()))));

    @TempDir
    static Path shared;
    static Model model;
    static final List<String> HEARD = new ArrayList<>();

    @BeforeAll
    static void train() {
        TrainingOptions options = TrainingOptions.builder().batchSize(16).steps(2).evaluateEvery(2).seed(5).build();
        model = PF.train(MOVIES, SPEC, options, shared.resolve("model"),
                (what, done, total) -> HEARD.add(what + " " + done + "/" + total));
    }

    @AfterAll
    static void close() {
        model.close();
    }

    @Test
    void trainingWritesABundleAndOpensIt() {
        assertThat(HEARD).containsExactly("train 0/2", "train 1/2", "train 2/2");
        assertThat(model.id()).isEqualTo(ModelBundle.open(shared.resolve("model")).modelId());
        assertThat(model.directory()).isEqualTo(shared.resolve("model").toAbsolutePath().normalize());
        assertThat(model.dimension()).isEqualTo(4);
        // Inference picks the first usable backend by name that can infer (no onnx here): java before trainer.
        assertThat(model.backend()).isEqualTo("java");
    }

    @Test
    void embedsUsersByTheirIdsInTheOrderGiven() {
        Embeddings e = model.embed(MOVIES, List.of(610L, 1L, 42L));
        assertThat(e.userIds()).containsExactly(610L, 1L, 42L);
        assertThat(e.size()).isEqualTo(3);
        assertThat(e.modelId()).isEqualTo(model.id());
        assertThat(e.vector(1L)).hasSize(4);
        // A user's vector does not depend on who else is in the batch.
        assertThat(model.embed(MOVIES, List.of(1L)).vector(1L)).containsExactly(e.vector(1L));
        assertThat(e.vector(610L)).isNotEqualTo(e.vector(1L));
        assertThatThrownBy(() -> e.vector(2L)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("user 2 is not among these 3 embeddings");
    }

    @Test
    void refusesToEmbedAUserWithoutActions() {
        assertThatThrownBy(() -> model.embed(MOVIES, List.of(1L, 999_999L)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("user 999999 has no action in the data set " + MOVIES_DIR + ", so model " + model.id()
                        + " cannot embed it; embed users of the data given");
    }

    @Test
    void recommendsTheItemsWhoseEmbeddingsScoreHighest() {
        Embeddings users = model.embed(MOVIES, List.of(1L, 2L));
        try (ItemIndex items = model.buildIndex(); Recommender r = model.recommender(users, items)) {
            assertThat(items.modelId()).contains(model.id());
            assertThat(items.size()).isEqualTo(ModelBundle.open(model.directory()).items().size());
            List<ItemIndex.Hit> hits = r.recommend(1L, 5).orElseThrow();
            assertThat(hits).hasSize(5);
            assertThat(hits).isEqualTo(items.search(users.vector(1L), 5));
            for (int i = 1; i < hits.size(); i++) {
                assertThat(hits.get(i).score()).isLessThanOrEqualTo(hits.get(i - 1).score());
            }
            assertThat(r.recommend(3L, 5)).isEmpty();
            assertThat(r.modelId()).isEqualTo(model.id());
        }
    }

    @Test
    void aRecommenderRefusesANonPositiveKAndUseAfterClose() {
        Embeddings users = model.embed(MOVIES, List.of(1L));
        try (ItemIndex items = model.buildIndex()) {
            Recommender r = model.recommender(users, items);
            assertThatThrownBy(() -> r.recommend(1L, 0)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("k must be > 0, was 0");
            r.close();
            r.close();
            assertThatThrownBy(() -> r.recommend(1L, 5)).isInstanceOf(IllegalStateException.class)
                    .hasMessage("this recommender of model " + model.id() + " is closed");
            // Closing the recommender leaves the caller's index open.
            assertThat(items.search(users.vector(1L), 3)).hasSize(3);
        }
    }

    @Test
    void theDailyJobPublishesASnapshotThatServesWithASavedIndex(@TempDir Path dir) {
        DailyJobResult day = model.runDailyJob(MOVIES, dir.resolve("store"), LocalDate.of(2018, 10, 1));
        assertThat(day.modelId()).isEqualTo(model.id());
        assertThat(day.embedded()).isEqualTo(610);
        assertThat(day.fullRun()).isTrue();
        assertThat(day.failed()).isZero();
        DailyJobResult next = model.runDailyJob(MOVIES, dir.resolve("store"), LocalDate.of(2018, 10, 2));
        assertThat(next.fullRun()).isFalse();
        assertThat(next.embedded()).isZero();
        assertThat(next.carriedOver()).isEqualTo(610);
        model.buildIndex(dir.resolve("index")).close();
        Embeddings direct = model.embed(MOVIES, List.of(1L));
        try (ItemIndex items = model.openIndex(dir.resolve("index"));
                Recommender r = PF.recommender(dir.resolve("store"), dir.resolve("index"))) {
            assertThat(r.modelId()).isEqualTo(model.id());
            List<ItemIndex.Hit> hits = r.recommend(1L, 10).orElseThrow();
            assertThat(hits).hasSize(10);
            // The snapshot holds the same vector as embedding the user directly (all of the user's actions).
            assertThat(hits).isEqualTo(items.search(direct.vector(1L), 10));
            assertThat(r.recommend(999_999L, 10)).isEmpty();
        }
    }

    @Test
    void refusesAnIndexOfAnotherModelNamingBothIds(@TempDir Path dir) {
        ExactItemIndex.of(new long[] {1, 2}, new float[] {1, 0, 0, 0, 0, 1, 0, 0}, 4, 1)
                .save(dir.resolve("other"), "other-model");
        assertThatThrownBy(() -> model.openIndex(dir.resolve("other")))
                .isInstanceOf(ModelMismatchException.class)
                .hasMessage("refusing to combine artefacts of different models: model bundle " + model.directory()
                        + " (model " + model.id() + ") was computed with model " + model.id() + " but the item index "
                        + dir.resolve("other") + " with model other-model; use artefacts of one --model bundle");
        model.runDailyJob(MOVIES, dir.resolve("store"), LocalDate.of(2018, 10, 1));
        assertThatThrownBy(() -> PF.recommender(dir.resolve("store"), dir.resolve("other")))
                .isInstanceOf(ModelMismatchException.class)
                .hasMessage("refusing to combine artefacts of different models: the snapshot of 2018-10-01 was"
                        + " computed with model " + model.id() + " but the item index " + dir.resolve("other")
                        + " with model other-model; use artefacts of one --model bundle");
    }

    @Test
    void refusesAnIndexThatRecordsNoModel() {
        Embeddings users = model.embed(MOVIES, List.of(1L));
        try (ItemIndex anonymous = ExactItemIndex.of(new long[] {1}, new float[] {1, 0, 0, 0}, 4, 1)) {
            assertThatThrownBy(() -> model.recommender(users, anonymous))
                    .isInstanceOf(ModelMismatchException.class)
                    .hasMessageStartingWith("the item index ").hasMessageContaining(" records no model id, so it"
                            + " cannot be checked against model bundle " + model.directory());
        }
    }

    @Test
    void refusesToServeFromAStoreWithoutSnapshots(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("store"));
        model.buildIndex(dir.resolve("index")).close();
        assertThatThrownBy(() -> PF.recommender(dir.resolve("store"), dir.resolve("index")))
                .isInstanceOf(PinnerFormerException.class)
                .hasMessage("the embedding store " + dir.resolve("store") + " has no published snapshot; run the"
                        + " daily job (Model.runDailyJob) first");
    }

    @Test
    void refusesToTrainIntoADirectoryThatIsNotEmptyBeforeReadingAnything(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("keep.txt"), "x");
        assertThatThrownBy(() -> PF.train(DataSource.movieLens(dir.resolve("no-such-data")), dir))
                .isInstanceOf(PinnerFormerException.class)
                .hasMessage("cannot write a model bundle into " + dir + ": the directory is not empty; choose a new"
                        + " directory");
    }

    @Test
    void aClosedModelSaysSo() {
        Model other = PF.backend("java").open(model.directory());
        assertThat(other.backend()).isEqualTo("java");
        other.close();
        other.close();
        assertThatThrownBy(() -> other.embed(MOVIES, List.of(1L))).isInstanceOf(IllegalStateException.class)
                .hasMessage("the model " + model.id() + " (" + model.directory() + ") is closed");
    }

    @Test
    void aNamedBackendThatCannotTrainIsRefusedNamingTheBackendsFound(@TempDir Path dir) {
        assertThatThrownBy(() -> PF.backend("java").train(MOVIES, SPEC, TrainingOptions.defaults(), dir.resolve("m"),
                (w, d, t) -> { }))
                .isInstanceOf(PinnerFormerException.class)
                .hasMessageStartingWith("backend 'java' cannot do [TRAIN]");
    }

    @Test
    void loadFindsTheCoreImplementationThroughTheServiceLoader() {
        assertThat(PinnerFormer.load().toString()).startsWith("PinnerFormer (" + CorePlatform.class.getName());
    }

    @Test
    void moduleProvidesAndServiceFileNameTheSamePlatform() throws IOException {
        ModuleDescriptor descriptor = CorePlatform.class.getModule().getDescriptor();
        assertThat(descriptor).isNotNull();
        assertThat(descriptor.provides()).anySatisfy(p -> {
            assertThat(p.service()).isEqualTo(PlatformProvider.class.getName());
            assertThat(p.providers()).containsExactly(CorePlatform.class.getName());
        });
        try (InputStream in = CorePlatform.class.getModule()
                .getResourceAsStream("META-INF/services/" + PlatformProvider.class.getName())) {
            assertThat(in).isNotNull();
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8).trim())
                    .isEqualTo(CorePlatform.class.getName());
        }
        assertThat(descriptor.exports()).noneMatch(e -> e.source().equals(CorePlatform.class.getPackageName()));
    }
}
