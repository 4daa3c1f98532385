package org.pinnerformer.bench;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.pinnerformer.api.ItemIndex.Hit;
import org.pinnerformer.core.data.ItemVectors;
import org.pinnerformer.core.retrieval.ExactItemIndex;
import org.pinnerformer.testkit.ClusteredVectors;

/**
 * JMH micro-benchmark of exact top-K retrieval on one thread: the inner products of one query with every item and
 * the selection of the K best, as {@code recommend --exact} and the evaluation of every model run it. Queries lie
 * near seeded clustered unit items (like user embeddings) and rotate through a fixed set, so the branch predictor
 * cannot learn one query's answer. Run with {@code pinnerformer-bench jmh}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ExactTopKBenchmark {
    /** Items in the index. */
    @Param({"100000"})
    public int items;

    /** Vector dimension. */
    @Param({"64"})
    public int dim;

    /** Hits per query. */
    @Param({"10"})
    public int k;

    private static final int QUERIES = 256;
    private ExactItemIndex index;
    private float[][] queries;
    private int next;

    /** Builds the index and the queries (seeded; not measured). */
    @Setup(Level.Trial)
    public void setUp() {
        ItemVectors space = ClusteredVectors.items(items, dim, Math.max(1, items / 100), 0.3, 1);
        float[] q = ClusteredVectors.queriesNear(space, QUERIES, 0.5, 2);
        queries = new float[QUERIES][];
        for (int i = 0; i < QUERIES; i++) {
            queries[i] = Arrays.copyOfRange(q, i * dim, (i + 1) * dim);
        }
        index = ExactItemIndex.of(space, 1);
    }

    /** Closes the index. */
    @TearDown(Level.Trial)
    public void tearDown() {
        index.close();
    }

    /**
     * One exact top-K search.
     *
     * @return the hits, returned so that JMH keeps the work from being eliminated
     */
    @Benchmark
    public List<Hit> search() {
        float[] query = queries[next];
        next = (next + 1) % QUERIES;
        return index.search(query, k);
    }
}
