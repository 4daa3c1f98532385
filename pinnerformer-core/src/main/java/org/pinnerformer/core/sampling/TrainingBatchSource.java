package org.pinnerformer.core.sampling;

import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.SplittableRandom;
import org.pinnerformer.api.ModelSpec;
import org.pinnerformer.api.TrainingBatch;
import org.pinnerformer.api.objective.TrainingOptions;
import org.pinnerformer.core.data.ItemCatalog;
import org.pinnerformer.core.data.Timelines;
import org.pinnerformer.core.features.ItemBuckets;
import org.pinnerformer.core.features.SequenceFeatures;

/**
 * Training batches for a set of users, seeded and deterministic: epoch {@code k} visits every eligible user
 * (one with a training example for the objective) once, in an order shuffled from {@code (seed, k)}, in batches
 * of {@link TrainingOptions#batchSize()} (the last one may be smaller); batch {@code j} of epoch {@code k} is
 * drawn from its own generator seeded by {@code (seed, k, j)}, so it does not depend on which batches were
 * drawn before. {@link #iterator()} runs epoch after epoch without end.
 *
 * <p>The positives' logQ comes from the sampler's own label distribution over the eligible users
 * ({@link LabelFrequencies}, precomputed from {@code seed} when the source is made). Iterators are not
 * thread-safe and share this source's assembler: use one iterator at a time.
 */
public final class TrainingBatchSource implements Iterable<TrainingBatch> {
    private final TrainingOptions options;
    private final int[] eligible;
    private final TrainingBatchAssembler assembler;
    private final ObjectiveSampler sampler;

    /**
     * A source over {@code users} (dense user indexes of {@code timelines}).
     *
     * @throws IllegalArgumentException if a user index is out of range, the catalogue does not match the spec,
     *     or no user has a training example for the objective
     */
    public TrainingBatchSource(Timelines timelines, ItemCatalog catalog, ModelSpec spec, TrainingOptions options,
            int[] users) {
        Objects.requireNonNull(timelines, "timelines");
        Objects.requireNonNull(users, "users");
        this.options = Objects.requireNonNull(options, "options");
        SequenceFeatures features = new SequenceFeatures(spec, timelines, catalog);
        this.sampler = ObjectiveSampler.of(options.objective(), timelines, spec.maxSequenceLength());
        int[] ok = new int[users.length];
        int n = 0;
        for (int u : users) {
            Objects.checkIndex(u, timelines.userCount());
            if (sampler.hasExample(u)) {
                ok[n++] = u;
            }
        }
        if (n == 0) {
            throw new IllegalArgumentException("none of the " + users.length + " users has a training example for "
                    + options.objective().name());
        }
        this.eligible = Arrays.copyOf(ok, n);
        this.assembler = new TrainingBatchAssembler(features, sampler, options.negatives(),
                LabelFrequencies.of(sampler, timelines, eligible, catalog.size(), labelSeed(options.seed())));
    }

    /** The users with a training example, in the order given. */
    public int[] eligibleUsers() {
        return eligible.clone();
    }

    /** The sampler of the objective. */
    public ObjectiveSampler sampler() {
        return sampler;
    }

    /** The number of batches of one epoch. */
    public int batchesPerEpoch() {
        return (eligible.length + options.batchSize() - 1) / options.batchSize();
    }

    /** The batches of epoch {@code epoch} ({@code >= 0}). */
    public Iterator<TrainingBatch> epoch(int epoch) {
        if (epoch < 0) {
            throw new IllegalArgumentException("epoch must be >= 0, was " + epoch);
        }
        int[] order = shuffled(epoch);
        return new Iterator<>() {
            private int batch;

            @Override
            public boolean hasNext() {
                return batch * options.batchSize() < order.length;
            }

            @Override
            public TrainingBatch next() {
                if (!hasNext()) {
                    throw new NoSuchElementException("epoch " + epoch + " has only " + batch + " batches");
                }
                int offset = batch * options.batchSize();
                int count = Math.min(options.batchSize(), order.length - offset);
                SplittableRandom random = new SplittableRandom(mix(mix(options.seed(), epoch), batch));
                batch++;
                return assembler.assemble(order, offset, count, random);
            }
        };
    }

    /** Epoch 0, 1, 2, ... one after the other, without end. */
    @Override
    public Iterator<TrainingBatch> iterator() {
        return new Iterator<>() {
            private int epoch;
            private Iterator<TrainingBatch> current = epoch(0);

            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public TrainingBatch next() {
                if (!current.hasNext()) {
                    current = epoch(++epoch);
                }
                return current.next();
            }
        };
    }

    private int[] shuffled(int epoch) {
        int[] order = eligible.clone();
        SplittableRandom random = new SplittableRandom(mix(options.seed(), -1L - epoch));
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int tmp = order[i];
            order[i] = order[j];
            order[j] = tmp;
        }
        return order;
    }

    /** The seed of the {@link LabelFrequencies} precomputation: a stream no epoch or batch uses. */
    static long labelSeed(long seed) {
        return mix(seed, Long.MIN_VALUE);
    }

    private static long mix(long seed, long value) {
        return ItemBuckets.splitmix64(seed * 0x9E3779B97F4A7C15L + value);
    }
}
