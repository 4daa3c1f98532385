package org.pinnerformer.core.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.pinnerformer.api.Action;
import org.pinnerformer.api.Checkpoint;
import org.pinnerformer.api.FloatTensor;
import org.pinnerformer.api.ModelSpec;
import org.pinnerformer.api.TrainingBatch;
import org.pinnerformer.api.Vocabulary;
import org.pinnerformer.api.objective.DenseAllAction;
import org.pinnerformer.api.objective.NegativeSampling;
import org.pinnerformer.api.objective.TrainingOptions;
import org.pinnerformer.core.data.ItemCatalog;
import org.pinnerformer.core.data.Timelines;
import org.pinnerformer.core.data.TimelinesBuilder;
import org.pinnerformer.core.sampling.TrainingBatchSource;
import org.pinnerformer.model.GraphInterpreter;
import org.pinnerformer.model.GraphNames;
import org.pinnerformer.model.ModelInitializer;
import org.pinnerformer.model.ModelInput;
import org.pinnerformer.model.ModelInputs;
import org.pinnerformer.model.ModelParameters;
import org.pinnerformer.model.PinnerFormerGraphs;

/**
 * Hand-run export for the PyTorch cross-check (not a test; see {@code docs/model.md}, "Cross-checking with
 * PyTorch"). Writes to a directory:
 * <ul>
 * <li>{@code checkpoint.safetensors}: a {@link ModelInitializer} checkpoint whose vectors (layer-norm gains and
 *     biases, every bias, the time phases, the temperature) are then perturbed, so that no parameter keeps a
 *     neutral value (1 or 0) that would hide a swapped or ignored tensor;</li>
 * <li>{@code inputs.safetensors}: one {@link TrainingBatch} of the loss graph's data inputs (named as
 *     {@link GraphNames}), made by core's feature and sampling code from random timelines (dense all-action, 8
 *     anchors per sequence, left-padded sequences of mixed length), plus {@code item_vectors}/{@code item_buckets}
 *     for the item tower (the batch's uniform negatives);</li>
 * <li>{@code outputs.safetensors}: the Java interpreter's {@code user_embeddings}, {@code user_embedding},
 *     {@code item_embeddings}, {@code loss} and {@code logits}.</li>
 * </ul>
 * Run after {@code mvn -o -q -pl pinnerformer-core -am test-compile}:
 * {@code java -cp pinnerformer-api/target/classes:pinnerformer-model/target/classes:pinnerformer-core/target/classes:pinnerformer-core/target/test-classes:$(cat cp.txt)
 * org.pinnerformer.core.model.TorchCrossCheckExport DIR [seed] [small|buckets]}; {@code small} is
 * {@link ModelSpec#smallPreset()}, {@code buckets} (the default) the same plus 64 item-id hash buckets.
 */
final class TorchCrossCheckExport {
    private static final double DAY = 86_400;
    private static final double START = 1_767_225_600;

    private TorchCrossCheckExport() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1 || args.length > 3) {
            System.err.println("usage: TorchCrossCheckExport DIR [seed] [small|buckets]");
            System.exit(2);
        }
        Path dir = Path.of(args[0]);
        long seed = args.length > 1 ? Long.parseLong(args[1]) : 7;
        String preset = args.length > 2 ? args[2] : "buckets";
        ModelSpec spec = switch (preset) {
            case "small" -> ModelSpec.smallPreset();
            case "buckets" -> ModelSpec.smallPreset().toBuilder().itemIdHashBuckets(64).build();
            default -> throw new IllegalArgumentException("preset must be small or buckets, was '" + preset + "'");
        };
        Files.createDirectories(dir);
        SplittableRandom random = new SplittableRandom(seed);

        ItemCatalog catalog = catalog(spec.itemVectorSize(), 300, random);
        Timelines timelines = timelines(catalog, 24, random);
        TrainingOptions options = TrainingOptions.builder().objective(new DenseAllAction(28, 8))
                .negatives(new NegativeSampling(4096, 256, true)).batchSize(8).seed(seed).build();
        int[] users = new int[timelines.userCount()];
        Arrays.setAll(users, u -> u);
        TrainingBatch batch = new TrainingBatchSource(timelines, catalog, spec, options, users).iterator().next();

        Checkpoint checkpoint = perturb(ModelInitializer.initialize(spec, timelines.actionTypes(),
                timelines.surfaces(), seed), random);
        checkpoint.write(dir.resolve("checkpoint.safetensors"));
        Map<String, FloatTensor> params = checkpoint.tensors();
        ModelParameters mp = ModelParameters.of(checkpoint);

        List<ModelInput> sequences = ModelInputs.sequences(spec, batch.sequences());
        List<ModelInput> training = ModelInputs.training(spec, batch);
        List<ModelInput> items = ModelInputs.items(spec, batch.negatives());
        new NamedArrays().addAll(training).addAll(items).write(dir.resolve("inputs.safetensors"));

        NamedArrays out = new NamedArrays();
        out.add(GraphNames.USER_EMBEDDINGS, new GraphInterpreter(PinnerFormerGraphs.userTower(mp), params)
                .run(sequences, 2).get(GraphNames.USER_EMBEDDINGS));
        out.add(GraphNames.USER_EMBEDDING, new GraphInterpreter(PinnerFormerGraphs.userTowerNewest(mp), params)
                .run(sequences, 2).get(GraphNames.USER_EMBEDDING));
        out.add(GraphNames.ITEM_EMBEDDINGS, new GraphInterpreter(PinnerFormerGraphs.itemTower(mp), params)
                .run(items, 2).get(GraphNames.ITEM_EMBEDDINGS));
        Map<String, FloatTensor> loss = new GraphInterpreter(PinnerFormerGraphs.loss(mp), params).run(training);
        out.add(GraphNames.LOSS, loss.get(GraphNames.LOSS));
        out.add(GraphNames.LOGITS, loss.get(GraphNames.LOGITS));
        out.write(dir.resolve("outputs.safetensors"));

        float[] valid = new float[batch.sequences().batchSize() * batch.sequences().length()];
        batch.sequences().validMask().duplicate().get(valid);
        int real = 0;
        for (float v : valid) {
            real += v != 0 ? 1 : 0;
        }
        System.out.printf(Locale.ROOT, "wrote %s: spec %s, B=%d, T=%d (%d real actions), P=%d, R=%d, loss %.6f%n",
                dir, preset, batch.sequences().batchSize(), batch.sequences().length(), real, batch.pairCount(),
                batch.negatives().count(), loss.get(GraphNames.LOSS).get(0));
    }

    /** Items 1..n with Gaussian content vectors. */
    private static ItemCatalog catalog(int f, int n, SplittableRandom r) {
        ItemCatalog.Builder b = ItemCatalog.builder(f);
        for (long id = 1; id <= n; id++) {
            float[] v = new float[f];
            for (int j = 0; j < f; j++) {
                v[j] = (float) r.nextGaussian();
            }
            b.add(id, v, null);
        }
        return b.build();
    }

    /** Users with 5 to 120 actions over 120 days: some sequences fill the window, others are left-padded. */
    private static Timelines timelines(ItemCatalog catalog, int users, SplittableRandom r) {
        String[] types = {"view", "click", "save"};
        String[] surfaces = {"home", "search", "board"};
        TimelinesBuilder b = new TimelinesBuilder(catalog, Vocabulary.of(types), Vocabulary.of(surfaces),
                Set.of("save", "click"));
        for (long u = 1; u <= users; u++) {
            int n = 5 + r.nextInt(116);
            for (int k = 0; k < n; k++) {
                b.add(new Action(u, 1 + r.nextInt(catalog.size()), START + r.nextDouble() * 120 * DAY,
                        types[r.nextInt(types.length)], surfaces[r.nextInt(surfaces.length)], r.nextDouble() * 60));
            }
        }
        return b.build();
    }

    /**
     * Moves every vector parameter (rank 0 and 1: gains, biases, phases, temperature) away from its neutral
     * initial value; the matrices keep their random initialisation.
     */
    private static Checkpoint perturb(Checkpoint c, SplittableRandom r) {
        Map<String, FloatTensor> tensors = new LinkedHashMap<>();
        for (Map.Entry<String, FloatTensor> e : c.tensors().entrySet()) {
            FloatTensor t = e.getValue();
            float[] v = t.toArray();
            if (t.rank() <= 1) {
                double scale = e.getKey().equals("time_phase") ? Math.PI : 0.1;
                for (int i = 0; i < v.length; i++) {
                    v[i] += (float) (scale * (2 * r.nextDouble() - 1));
                }
            }
            tensors.put(e.getKey(), FloatTensor.wrap(t.shape(), v));
        }
        return c.withTensors(tensors);
    }
}
