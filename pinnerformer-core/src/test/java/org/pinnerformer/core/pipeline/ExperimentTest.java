package org.pinnerformer.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.pinnerformer.core.pipeline.PipelineFixtures.clustered;
import static org.pinnerformer.core.pipeline.PipelineFixtures.tinySpec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pinnerformer.api.Checkpoint;
import org.pinnerformer.api.ProgressListener;
import org.pinnerformer.api.Vocabulary;
import org.pinnerformer.api.objective.TrainingOptions;
import org.pinnerformer.core.data.Dataset;
import org.pinnerformer.core.data.Timelines;
import org.pinnerformer.core.eval.EvalOptions;
import org.pinnerformer.core.eval.EvalProtocol;
import org.pinnerformer.core.eval.Evaluator;
import org.pinnerformer.core.eval.InferenceMode;
import org.pinnerformer.core.eval.MethodResult;
import org.pinnerformer.core.eval.RetrievalMethod;
import org.pinnerformer.core.features.SequenceFeatures;
import org.pinnerformer.model.ModelInitializer;
import org.pinnerformer.core.retrieval.ItemEmbeddings;
import org.pinnerformer.core.train.TrainingListener;
import org.pinnerformer.core.train.TrainingResult;
import org.pinnerformer.core.train.ValidationPoint;
import org.pinnerformer.spi.Backend;
import org.pinnerformer.spi.ItemEncoder;
import org.pinnerformer.spi.UserEncoder;

class ExperimentTest {
    private static final Dataset DATA = clustered(90, 7);
    private static final ExperimentOptions OPTIONS =
            ExperimentOptions.defaults(11).withEval(EvalOptions.defaults(11).withThreads(1));
    private static final TrainingOptions TRAINING = TrainingOptions.builder().batchSize(8).steps(20).warmupSteps(0)
            .evaluateEvery(5).seed(3).build();

    @Test
    void theStrictSplitTrainsOnlyOnUsersThatAreNeitherValidatedNorEvaluated() {
        Experiment e = Experiment.prepare(DATA, tinySpec(),
                ExperimentOptions.strict(11).withEval(EvalOptions.defaults(11).withThreads(1)));
        int[] train = e.trainUsers();
        int[] validation = e.validationUsers();
        int[] eval = e.evalProtocol().split().evalUsers();
        assertThat(eval).hasSize(18);
        assertThat(validation).hasSize(9);
        assertThat(train).hasSize(63);
        int[] all = IntStream.concat(IntStream.concat(Arrays.stream(train), Arrays.stream(validation)),
                Arrays.stream(eval)).sorted().toArray();
        assertThat(all).isEqualTo(IntStream.range(0, 90).toArray());
        assertThat(e.validationProtocol().split().evalUsers()).isEqualTo(validation);
    }

    @Test
    void byDefaultEveryUserTrainsOnActionsBeforeTheirCutAndNoLabelComesFromAfterIt() {
        Experiment e = Experiment.prepare(DATA, tinySpec(), OPTIONS);
        Experiment strict = Experiment.prepare(DATA, tinySpec(),
                ExperimentOptions.strict(11).withEval(EvalOptions.defaults(11).withThreads(1)));
        assertThat(e.options().trainingUsers()).isEqualTo(ExperimentOptions.TrainingUsers.BEFORE_CUT);
        assertThat(e.trainUsers()).isEqualTo(IntStream.range(0, 90).toArray());
        // The same evaluated users either way; a larger validation split (30%) since it costs no training data.
        assertThat(e.evalProtocol().split().evalUsers()).isEqualTo(strict.evalProtocol().split().evalUsers());
        assertThat(e.validationUsers()).hasSize(27).doesNotContain(e.evalProtocol().split().evalUsers());
        Timelines all = e.dataset().timelines();
        Timelines trained = e.trainingTimelines();
        assertThat(trained.userCount()).isEqualTo(90);
        for (int u = 0; u < 90; u++) {
            int end = e.trainingPeriod().end(all, u);
            assertThat(trained.length(u)).as("user %d", u).isEqualTo(end - all.start(u));
            for (int i = 0; i < trained.length(u); i++) {
                assertThat(trained.item(trained.start(u) + i)).isEqualTo(all.item(all.start(u) + i));
                assertThat(trained.timestamp(trained.start(u) + i)).isEqualTo(all.timestamp(all.start(u) + i));
            }
        }
        for (int u : e.evalProtocol().split().evalUsers()) {
            assertThat(trained.length(u)).isEqualTo(32).isLessThan(all.length(u));
            double cut = all.timestamp(all.start(u) + 32);
            assertThat(trained.timestamp(trained.end(u) - 1)).isLessThan(cut);
        }
    }

    @Test
    void theSameSeedGivesTheSameSplitAndItemVectors() {
        Experiment a = Experiment.prepare(DATA, tinySpec(), OPTIONS);
        Experiment b = Experiment.prepare(DATA, tinySpec(), OPTIONS);
        Experiment c = Experiment.prepare(DATA, tinySpec(), ExperimentOptions.defaults(12));
        assertThat(b.validationUsers()).isEqualTo(a.validationUsers());
        assertThat(b.evalProtocol().split().evalUsers()).isEqualTo(a.evalProtocol().split().evalUsers());
        assertThat(c.evalProtocol().split().evalUsers()).isNotEqualTo(a.evalProtocol().split().evalUsers());
        for (int i = 0; i < DATA.catalog().size(); i++) {
            assertThat(b.dataset().catalog().vector(i)).isEqualTo(a.dataset().catalog().vector(i));
        }
    }

    @Test
    void learnsItemVectorsOfTheModelsSizeFromTheTrainingPeriodOnly() {
        Experiment e = Experiment.prepare(DATA, tinySpec(), OPTIONS);
        Timelines t = e.dataset().timelines();
        assertThat(e.dataset().catalog().vectorSize()).isEqualTo(6);
        assertThat(e.dataset().hasContentVectors()).isTrue();
        int[] heldOut = IntStream.concat(Arrays.stream(e.validationUsers()),
                Arrays.stream(e.evalProtocol().split().evalUsers())).toArray();
        IntStream.range(0, 90).filter(u -> Arrays.stream(heldOut).noneMatch(h -> h == u))
                .forEach(u -> assertThat(e.trainingPeriod().end(t, u)).isEqualTo(t.end(u)));
        for (int u : heldOut) {
            // 40 actions: the cut is the timestamp of action 32, so the first 32 actions are the training period.
            assertThat(e.trainingPeriod().end(t, u)).isEqualTo(t.start(u) + 32);
        }
    }

    @Test
    void aBundleIsEvaluatedOnTheSplitItWasTrainedWith(@TempDir Path tmp) {
        for (ExperimentOptions options : List.of(OPTIONS, ExperimentOptions.strict(11))) {
            Experiment e = Experiment.prepare(DATA, tinySpec(), options);
            try (PipelineFixtures.FakeTrainingBackend backend = new PipelineFixtures.FakeTrainingBackend()) {
                TrainingResult r = e.train(backend, TRAINING, TrainingListener.none());
                Path dir = tmp.resolve(options.trainingUsers().name());
                Experiment again = Experiment.forBundle(DATA, e.writeBundle(dir, r, TRAINING));
                assertThat(again.options().trainingUsers()).isEqualTo(options.trainingUsers());
                assertThat(again.options().validationFraction()).isEqualTo(options.validationFraction());
                assertThat(again.validationUsers()).isEqualTo(e.validationUsers());
                assertThat(again.trainUsers()).isEqualTo(e.trainUsers());
                assertThat(again.evalProtocol().split().evalUsers()).isEqualTo(e.evalProtocol().split().evalUsers());
            }
        }
    }

    @Test
    void trainingKeepsTheCheckpointWithTheBestValidationRecall() {
        Experiment e = Experiment.prepare(DATA, tinySpec(), OPTIONS);
        List<Long> stepped = new ArrayList<>();
        try (PipelineFixtures.FakeTrainingBackend backend = new PipelineFixtures.FakeTrainingBackend()) {
            TrainingResult r = e.train(backend, TRAINING, new TrainingListener() {
                @Override
                public void stepped(long step, float loss, double elapsedSeconds) {
                    stepped.add(step);
                }
            });
            assertThat(r.steps()).isEqualTo(20);
            assertThat(stepped).hasSize(20);
            assertThat(r.losses()[0]).isEqualTo(1f);
            assertThat(r.losses()[19]).isEqualTo(1f / 20);
            assertThat(r.validations()).extracting(ValidationPoint::step).containsExactly(5L, 10L, 15L, 20L);
            double max = r.validations().stream().mapToDouble(ValidationPoint::score).max().orElseThrow();
            long firstMax = r.validations().stream().filter(p -> p.score() == max).findFirst().orElseThrow().step();
            assertThat(r.bestScore()).isEqualTo(max);
            assertThat(r.bestStep()).isEqualTo(firstMax);
            Checkpoint expected = PipelineFixtures.reseeded(r.best(), TRAINING.seed() + firstMax);
            assertThat(r.best().id()).isEqualTo(expected.withMetadata(r.best().metadata()).id());
            assertThat(e.validator(backend).score(r.best())).isEqualTo(max);
            assertThat(r.best().metadata()).containsEntry(Experiment.SEED_KEY, "11")
                    .containsEntry(Experiment.DATASET_KEY, "clustered")
                    .containsEntry(Experiment.OBJECTIVE_KEY, TRAINING.objective().name())
                    .containsEntry(Experiment.STEP_KEY, Long.toString(firstMax));
            assertThat(backend.batchSizes).allSatisfy(b -> assertThat(b).isBetween(1, 8));
            assertThat(backend.trainersClosed).isEqualTo(1);
        }
    }

    @Test
    void evaluatesTheModelFirstThenTheBaselinesOnTheSameUsers() {
        Experiment e = Experiment.prepare(DATA, tinySpec(), OPTIONS);
        Checkpoint c = ModelInitializer.initialize(tinySpec(), DATA.actionTypes(), DATA.surfaces(), 5);
        List<String> progress = new ArrayList<>();
        try (Backend backend = PipelineFixtures.javaBackend()) {
            List<MethodResult> results = e.evaluate(backend, c, "model", (m, done, total) -> progress.add(m));
            assertThat(results).extracting(MethodResult::method)
                    .containsExactly("model", "popularity", "recent-mean-20", "last-item");
            assertThat(results).allSatisfy(r -> {
                assertThat(r.users()).isEqualTo(e.evalProtocol().examples().size()).isPositive();
                assertThat(r.recall()).isBetween(0.0, 1.0);
            });
            assertThat(progress).contains("model", "popularity", "recent-mean-20", "last-item");
            // Each user's future saves come from one cluster of 10 items: the recent mean of its saves finds them.
            assertThat(results.get(2).recall()).isGreaterThan(results.get(1).recall());
        }
    }

    @Test
    void comparesOnceDailyThroughTheJobAndRealtimeOnTheSameUsers() {
        Experiment e = Experiment.prepare(DATA, tinySpec(), OPTIONS);
        Checkpoint c = ModelInitializer.initialize(tinySpec(), DATA.actionTypes(), DATA.surfaces(), 5);
        try (Backend backend = PipelineFixtures.javaBackend()) {
            List<MethodResult> modes = e.compareInferenceModes(backend, c, "model", ProgressListener.none());
            assertThat(modes).extracting(MethodResult::method).containsExactly("model", "model via daily job",
                    "model");
            assertThat(modes).extracting(MethodResult::mode).containsExactly(InferenceMode.ONCE,
                    InferenceMode.DAILY, InferenceMode.REALTIME);
            assertThat(modes).allSatisfy(r -> assertThat(r.users()).isEqualTo(e.evalProtocol().examples().size()));
            // once equals the plain evaluation; daily through the job equals daily with direct encoding
            assertThat(modes.get(0).recall()).isEqualTo(e.evaluate(backend, c, "model", ProgressListener.none())
                    .get(0).recall());
            EvalProtocol daily = EvalProtocol.prepare(e.dataset(), e.evalProtocol().split(),
                    e.evalProtocol().cutPolicy(), e.evalProtocol().options().withMode(InferenceMode.DAILY));
            try (UserEncoder users = backend.userEncoder(c); ItemEncoder items = backend.itemEncoder(c)) {
                MethodResult direct = new Evaluator(daily).evaluate(new RetrievalMethod.Embedding("direct",
                        new ModelUserEmbedder(users, new SequenceFeatures(c.spec(), e.dataset().timelines(),
                                e.dataset().catalog()), 64),
                        ItemEmbeddings.encode(items, e.dataset().catalog(), c.spec(), 64)));
                assertThat(modes.get(1).recall()).isEqualTo(direct.recall());
                assertThat(modes.get(1).queries()).isEqualTo(direct.queries()).isGreaterThan(modes.get(0).queries());
            }
        }
    }

    @Test
    void runNamesTheModelByItsObjectiveAndPutsItsRowFirst() {
        Experiment e = Experiment.prepare(DATA, tinySpec(), OPTIONS);
        try (PipelineFixtures.FakeTrainingBackend backend = new PipelineFixtures.FakeTrainingBackend()) {
            ExperimentResult r = e.run(backend, TRAINING, TrainingListener.none(), ProgressListener.none());
            assertThat(r.modelName()).isEqualTo("pinnerformer/" + TRAINING.objective().name());
            assertThat(r.model().method()).isEqualTo(r.modelName());
            assertThat(r.results()).hasSize(4);
            assertThat(r.markdown()).startsWith("| method | users | recall@10 | P90 coverage@10 |")
                    .contains("| " + r.modelName() + " | ");
        }
    }

    @Test
    void rejectsACheckpointWithOtherVocabularies() {
        Experiment e = Experiment.prepare(DATA, tinySpec(), OPTIONS);
        Checkpoint c = ModelInitializer.initialize(tinySpec(), Vocabulary.of("view"), DATA.surfaces(), 5);
        try (Backend backend = PipelineFixtures.javaBackend()) {
            assertThatThrownBy(() -> e.evaluate(backend, c, "m", ProgressListener.none()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("the checkpoint's vocabularies (action types ")
                    .hasMessageContaining("differ from data set clustered's");
        }
    }

    @Test
    void saysWhenTheDataSetHasTooFewUsers() {
        assertThatThrownBy(() -> Experiment.prepare(clustered(1, 1), tinySpec(), OPTIONS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("data set clustered has 1 users: too few for 0.3 validation users and 0.2 evaluation"
                        + " users with training users left over");
    }

    @Test
    void optionsRejectFractionsThatLeaveNoTrainingUsers() {
        assertThatThrownBy(() -> ExperimentOptions.defaults(1).withFractions(0.6, 0.4))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("evalFraction + validationFraction must be < 1 to leave training users, was 1.0");
        assertThatThrownBy(() -> ExperimentOptions.defaults(1).withPatience(-1))
                .hasMessage("patience must be >= 0, was -1");
    }
}
