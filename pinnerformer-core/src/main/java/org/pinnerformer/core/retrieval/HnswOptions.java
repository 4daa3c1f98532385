package org.pinnerformer.core.retrieval;

/**
 * The parameters of an {@link HnswItemIndex}.
 *
 * @param maxConnections M, the most neighbours a node keeps per graph layer (1 .. 512); more raises recall, memory
 *     and build time
 * @param beamWidth the candidate list size while inserting a node (1 .. 3200); more gives a better graph and a
 *     slower build
 * @param efSearch the candidate list size while searching; a search for {@code k} items explores
 *     {@code max(k, efSearch)} candidates. A search-time setting: an index can be reopened with another value
 * @param buildThreads threads that insert items and merge graph segments (>= 1)
 */
public record HnswOptions(int maxConnections, int beamWidth, int efSearch, int buildThreads) {
    /** The defaults' M. */
    public static final int DEFAULT_MAX_CONNECTIONS = 16;
    /** The defaults' beam width. */
    public static final int DEFAULT_BEAM_WIDTH = 100;
    /**
     * The defaults' ef at search time. Measured with {@code pinnerformer bench index} on clustered unit vectors,
     * D = 64, 2 cores: at 1,000,000 items Recall@10 0.885 / 0.960 / 0.978 for ef 32 / 64 / 100 at p99 0.8 / 0.95 /
     * 1.1 ms; 100 keeps a margin over the 0.95 target at a p99 far under 5 ms.
     */
    public static final int DEFAULT_EF_SEARCH = 100;

    /** Validates every parameter. */
    public HnswOptions {
        if (maxConnections < 1 || maxConnections > 512) {
            throw new IllegalArgumentException("maxConnections must be in 1..512, was " + maxConnections);
        }
        if (beamWidth < 1 || beamWidth > 3200) {
            throw new IllegalArgumentException("beamWidth must be in 1..3200, was " + beamWidth);
        }
        if (efSearch < 1) {
            throw new IllegalArgumentException("efSearch must be > 0, was " + efSearch);
        }
        if (buildThreads < 1) {
            throw new IllegalArgumentException("buildThreads must be > 0, was " + buildThreads);
        }
    }

    /**
     * M = {@value #DEFAULT_MAX_CONNECTIONS}, beam width {@value #DEFAULT_BEAM_WIDTH}, ef =
     * {@value #DEFAULT_EF_SEARCH}, one build thread. On 2 cores two build threads were slower (30,000 items: 7.7 s
     * wall, 15.0 s CPU against 6.7 s wall, 8.4 s CPU on one thread): each thread builds its own segment's graph and
     * the merge inserts the smaller graphs' vectors again. More threads pay off only with spare cores.
     */
    public static HnswOptions defaults() {
        return new HnswOptions(DEFAULT_MAX_CONNECTIONS, DEFAULT_BEAM_WIDTH, DEFAULT_EF_SEARCH, 1);
    }

    /** A copy with another ef at search time. */
    public HnswOptions withEfSearch(int ef) {
        return new HnswOptions(maxConnections, beamWidth, ef, buildThreads);
    }

    /** A copy with another number of build threads. */
    public HnswOptions withBuildThreads(int threads) {
        return new HnswOptions(maxConnections, beamWidth, efSearch, threads);
    }
}
