package org.pinnerformer.core.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.pinnerformer.api.Checkpoint;
import org.pinnerformer.api.ModelSpec;
import org.pinnerformer.api.TrainingBatch;
import org.pinnerformer.api.Vocabulary;
import org.pinnerformer.api.objective.TrainingOptions;
import org.pinnerformer.core.backend.JavaBackendProvider;
import org.pinnerformer.core.data.Dataset;
import org.pinnerformer.core.data.ItemCatalog;
import org.pinnerformer.core.data.ReadReport;
import org.pinnerformer.core.data.TimelinesBuilder;
import org.pinnerformer.model.ModelInitializer;
import org.pinnerformer.spi.Backend;
import org.pinnerformer.spi.BackendOptions;
import org.pinnerformer.spi.Capability;
import org.pinnerformer.spi.ItemEncoder;
import org.pinnerformer.spi.Trainer;
import org.pinnerformer.spi.UserEncoder;

/** A tiny clustered data set, a tiny model, and a fake training backend that encodes with the java backend. */
public final class PipelineFixtures {
    public static final double DAY = 86_400;
    public static final double T0 = 1.6e9;

    private PipelineFixtures() {
    }

    /** A model small enough to run in the interpreter in milliseconds. */
    public static ModelSpec tinySpec() {
        return ModelSpec.builder().itemVectorSize(6).actionEmbeddingSize(3).surfaceEmbeddingSize(2).hiddenSize(8)
                .layers(1).heads(2).maxSequenceLength(8).outputSize(4)
                .absolutePeriodsSeconds(3600, 86400).relativePeriodsSeconds(60, 3600, 86400).build();
    }

    /**
     * {@code users} users over 30 items in 3 clusters of 10 (ids 100 + index; item i is in cluster i / 10), with
     * placeholder zero vectors as loaders produce; each user saves 20 items of its cluster (user % 3), one a day,
     * and clicks a random item between saves.
     */
    public static Dataset clustered(int users, long seed) {
        ItemCatalog.Builder b = ItemCatalog.builder(1);
        for (int i = 0; i < 30; i++) {
            b.add(100 + i, new float[1], "item " + i);
        }
        ItemCatalog catalog = b.build();
        TimelinesBuilder t = new TimelinesBuilder(catalog, Vocabulary.of("click", "save"), Vocabulary.of("home"),
                Set.of("save"));
        SplittableRandom r = new SplittableRandom(seed);
        for (int u = 0; u < users; u++) {
            int cluster = u % 3;
            for (int a = 0; a < 20; a++) {
                double time = T0 + u * 60 + a * DAY;
                t.add(1000 + u, cluster * 10 + r.nextInt(10), time, 1, 0, 0);
                t.add(1000 + u, r.nextInt(30), time + 3600, 0, 0, 0);
            }
        }
        return new Dataset("clustered", catalog, t.build(), ReadReport.empty(), false);
    }

    /** The pure-Java backend (INFER only). */
    public static Backend javaBackend() {
        return new JavaBackendProvider().create(BackendOptions.defaults().withThreads(1));
    }

    /**
     * A backend whose trainer does not learn: after step s its checkpoint is a fresh model initialised from seed
     * {@code initialSeed + s}, so validation scores vary from step to step; its loss at step s is {@code 1 / s}.
     * Encoding goes to the java backend.
     */
    public static final class FakeTrainingBackend implements Backend {
        final Backend encoders = javaBackend();
        final List<Integer> batchSizes = new ArrayList<>();
        int trainersClosed;

        /** A fake backend with its own java encoders. */
        public FakeTrainingBackend() {
        }

        @Override
        public String name() {
            return "fake";
        }

        @Override
        public Set<Capability> capabilities() {
            return Set.of(Capability.TRAIN, Capability.INFER);
        }

        @Override
        public Trainer trainer(Checkpoint initial, TrainingOptions options) {
            return new Trainer() {
                private long steps;

                @Override
                public float step(TrainingBatch batch) {
                    batchSizes.add(batch.sequences().batchSize());
                    steps++;
                    return 1f / steps;
                }

                @Override
                public long steps() {
                    return steps;
                }

                @Override
                public Checkpoint checkpoint() {
                    return steps == 0 ? initial : reseeded(initial, options.seed() + steps);
                }

                @Override
                public void close() {
                    trainersClosed++;
                }
            };
        }

        @Override
        public UserEncoder userEncoder(Checkpoint checkpoint) {
            return encoders.userEncoder(checkpoint);
        }

        @Override
        public ItemEncoder itemEncoder(Checkpoint checkpoint) {
            return encoders.itemEncoder(checkpoint);
        }

        @Override
        public void close() {
            encoders.close();
        }
    }

    /** A fresh model of the same spec and vocabularies from another seed. */
    public static Checkpoint reseeded(Checkpoint c, long seed) {
        return ModelInitializer.initialize(c.spec(), c.actionTypes(), c.surfaces(), seed);
    }
}
