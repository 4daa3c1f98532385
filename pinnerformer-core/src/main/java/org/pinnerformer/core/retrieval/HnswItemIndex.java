package org.pinnerformer.core.retrieval;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.lucene912.Lucene912Codec;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.LogDocMergePolicy;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.VectorEncoding;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.pinnerformer.api.IoErrors;
import org.pinnerformer.api.ItemIndex;
import org.pinnerformer.api.PinnerFormerException;
import org.pinnerformer.core.data.ItemVectors;

/**
 * Approximate top-K through an HNSW graph (Apache Lucene 9.12, {@code DOT_PRODUCT} similarity over unit vectors),
 * persisted in a directory and searched read-only through memory-mapped files.
 *
 * <p>{@link #build} inserts the items on {@link HnswOptions#buildThreads()} threads (each builds the graph of its
 * own segment), then merges the segments into one graph with the same number of merge workers, so a search visits
 * one graph. Items whose vector is all zero (items the model knows nothing about, scoring 0 against every user) are
 * left out of the graph: {@link #size()} counts the indexed items. Vectors are validated (unit L2 norm or zero),
 * never normalised.
 *
 * <p>{@link #open} checks every file's checksum before the first search, so a damaged index fails with a clear
 * error instead of returning wrong neighbours. Scores are inner products recovered from Lucene's
 * {@code (1 + dot) / 2}. Thread-safe; searches may run concurrently.
 */
public final class HnswItemIndex implements ItemIndex {
    static final String VECTOR_FIELD = "vector";
    static final String ID_FIELD = "id";

    private final Path path;
    private final Directory directory;
    private final DirectoryReader reader;
    private final List<LeafReaderContext> leaves;
    private final long[] itemIds;
    private final int dimension;
    private final int efSearch;
    private volatile boolean closed;

    private HnswItemIndex(Path path, Directory directory, DirectoryReader reader, long[] itemIds, int dimension,
            int efSearch) {
        this.path = path;
        this.directory = directory;
        this.reader = reader;
        this.leaves = reader.leaves();
        this.itemIds = itemIds;
        this.dimension = dimension;
        this.efSearch = efSearch;
    }

    /**
     * Builds the index of {@code space} into {@code dir} (created if missing; must not already hold an index),
     * recording the id of the model whose item tower computed the vectors, and opens it read-only with
     * {@code options.efSearch()}.
     *
     * @throws IllegalArgumentException if the space's dimension is over Lucene's limit of 1024
     * @throws PinnerFormerException if the directory already holds an index or writing fails
     */
    public static HnswItemIndex build(ItemVectors space, String modelId, HnswOptions options, Path dir) {
        Objects.requireNonNull(space, "space").requireUnitOrZero();
        Objects.requireNonNull(modelId, "modelId");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(dir, "dir");
        if (space.dimension() > 1024) {
            throw new IllegalArgumentException("the dimension must be at most 1024 for the HNSW index, was "
                    + space.dimension());
        }
        ItemIndexes.prepareEmptyDirectory(dir);
        int threads = options.buildThreads();
        ExecutorService mergeExec = threads > 1 ? Executors.newFixedThreadPool(threads, daemon("hnsw-merge")) : null;
        ExecutorService addExec = threads > 1 ? Executors.newFixedThreadPool(threads, daemon("hnsw-build")) : null;
        KnnVectorsFormat format = new Lucene99HnswVectorsFormat(options.maxConnections(), options.beamWidth(),
                threads, mergeExec);
        IndexWriterConfig config = new IndexWriterConfig()
                .setCodec(new Lucene912Codec() {
                    @Override
                    public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
                        return format;
                    }
                })
                .setOpenMode(IndexWriterConfig.OpenMode.CREATE)
                .setRAMBufferSizeMB(ramBufferMb())
                .setUseCompoundFile(false)
                .setCommitOnClose(false);
        LogDocMergePolicy merges = new LogDocMergePolicy();
        merges.setMergeFactor(1000); // no merges while adding: the one forced merge at the end builds the graph
        merges.setNoCFSRatio(0);
        config.setMergePolicy(merges);
        int indexed = 0;
        try (Directory directory = FSDirectory.open(dir); IndexWriter writer = new IndexWriter(directory, config)) {
            int n = space.size();
            if (addExec == null) {
                indexed = addRange(writer, space, 0, n);
            } else {
                List<Future<Integer>> parts = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    int from = (int) ((long) n * t / threads);
                    int to = (int) ((long) n * (t + 1) / threads);
                    parts.add(addExec.submit(() -> addRange(writer, space, from, to)));
                }
                for (Future<Integer> f : parts) {
                    indexed += get(f);
                }
            }
            writer.forceMerge(1);
            writer.commit();
        } catch (IOException e) {
            throw new PinnerFormerException(IoErrors.describe("could not write the HNSW index into " + dir, e), e);
        } finally {
            if (mergeExec != null) {
                mergeExec.shutdownNow();
            }
            if (addExec != null) {
                addExec.shutdownNow();
            }
        }
        Properties extra = new Properties();
        extra.setProperty("maxConnections", Integer.toString(options.maxConnections()));
        extra.setProperty("beamWidth", Integer.toString(options.beamWidth()));
        extra.setProperty("efSearch", Integer.toString(options.efSearch()));
        IndexMetadata.of(IndexMetadata.HNSW, space.dimension(), indexed, modelId, extra).write(dir);
        return open(dir, options.efSearch());
    }

    private static int addRange(IndexWriter writer, ItemVectors space, int from, int to) throws IOException {
        int added = 0;
        for (int i = from; i < to; i++) {
            if (space.isZero(i)) {
                continue;
            }
            Document doc = new Document();
            doc.add(new KnnFloatVectorField(VECTOR_FIELD, space.vector(i), VectorSimilarityFunction.DOT_PRODUCT));
            doc.add(new NumericDocValuesField(ID_FIELD, space.itemId(i)));
            writer.addDocument(doc);
            added++;
        }
        return added;
    }

    /**
     * Opens an index written by {@link #build} read-only, searching with the ef recorded at build time.
     *
     * @throws PinnerFormerException if the directory is missing, is not an HNSW item index or is damaged
     */
    public static HnswItemIndex open(Path dir) {
        Objects.requireNonNull(dir, "dir");
        IndexMetadata meta = IndexMetadata.read(dir);
        return open(dir, meta, meta.intProperty(dir, "efSearch"));
    }

    /**
     * Opens an index written by {@link #build} read-only, searching with {@code efSearch}.
     *
     * @throws IllegalArgumentException if efSearch is not positive
     * @throws PinnerFormerException if the directory is missing, is not an HNSW item index or is damaged
     */
    public static HnswItemIndex open(Path dir, int efSearch) {
        Objects.requireNonNull(dir, "dir");
        if (efSearch <= 0) {
            throw new IllegalArgumentException("efSearch must be > 0, was " + efSearch);
        }
        return open(dir, IndexMetadata.read(dir), efSearch);
    }

    private static HnswItemIndex open(Path dir, IndexMetadata meta, int efSearch) {
        if (!meta.kind().equals(IndexMetadata.HNSW)) {
            throw new PinnerFormerException(dir + " holds an " + meta.kind() + " index, not an HNSW one");
        }
        Directory directory = null;
        DirectoryReader reader = null;
        try {
            directory = FSDirectory.open(dir);
            reader = DirectoryReader.open(directory);
            long[] ids = new long[reader.maxDoc()];
            for (LeafReaderContext leaf : reader.leaves()) {
                LeafReader r = leaf.reader();
                r.checkIntegrity();
                FieldInfo field = r.getFieldInfos().fieldInfo(VECTOR_FIELD);
                if (r.maxDoc() > 0 && (field == null || field.getVectorEncoding() != VectorEncoding.FLOAT32
                        || field.getVectorSimilarityFunction() != VectorSimilarityFunction.DOT_PRODUCT
                        || field.getVectorDimension() != meta.dimension())) {
                    throw new PinnerFormerException(dir + " is not an HNSW item index of dimension "
                            + meta.dimension() + ": its vector field is " + (field == null ? "missing"
                            : field.getVectorEncoding() + " " + field.getVectorSimilarityFunction() + " of dimension "
                            + field.getVectorDimension()));
                }
                NumericDocValues values = r.getNumericDocValues(ID_FIELD);
                int read = 0;
                if (values != null) {
                    for (int doc = values.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = values.nextDoc()) {
                        ids[leaf.docBase + doc] = values.longValue();
                        read++;
                    }
                }
                if (read != r.maxDoc()) {
                    throw new PinnerFormerException(dir + " is damaged: " + (r.maxDoc() - read)
                            + " indexed items have no item id");
                }
            }
            if (reader.numDocs() != meta.size()) {
                throw new PinnerFormerException(dir + " is damaged: its metadata records " + meta.size()
                        + " items but the index holds " + reader.numDocs());
            }
            return new HnswItemIndex(dir, directory, reader, ids, meta.dimension(), efSearch);
        } catch (IOException | RuntimeException e) {
            closeQuietly(reader, directory);
            if (e instanceof PinnerFormerException p) {
                throw p;
            }
            throw new PinnerFormerException("could not open the HNSW item index in " + dir
                    + " (missing, truncated or corrupt files?): " + e, e);
        }
    }

    private static void closeQuietly(DirectoryReader reader, Directory directory) {
        try {
            if (reader != null) {
                reader.close();
            }
            if (directory != null) {
                directory.close();
            }
        } catch (IOException e) {
            // already failing
        }
    }

    /** The directory the index lives in. */
    public Path path() {
        return path;
    }

    /** The ef this index searches with. */
    public int efSearch() {
        return efSearch;
    }

    @Override
    public int dimension() {
        return dimension;
    }

    @Override
    public int size() {
        return reader.numDocs();
    }

    /**
     * {@inheritDoc}
     *
     * <p>Explores {@code max(k, efSearch)} candidates; fewer than {@code k} hits when the index holds fewer items.
     *
     * @throws IllegalArgumentException also if the query holds a non-finite value
     * @throws IllegalStateException if the index is closed
     */
    @Override
    public List<Hit> search(float[] query, int k) {
        ItemIndexes.checkQuery(query, k, dimension);
        if (closed) {
            throw new IllegalStateException("the HNSW index in " + path + " is closed");
        }
        int ef = Math.max(k, efSearch);
        try {
            List<ScoreDoc> all = new ArrayList<>();
            for (LeafReaderContext leaf : leaves) {
                TopDocs top = leaf.reader().searchNearestVectors(VECTOR_FIELD, query, ef,
                        leaf.reader().getLiveDocs(), Integer.MAX_VALUE);
                for (ScoreDoc sd : top.scoreDocs) {
                    all.add(new ScoreDoc(leaf.docBase + sd.doc, sd.score));
                }
            }
            ScoreDoc[] sorted = all.toArray(new ScoreDoc[0]);
            Arrays.sort(sorted, (a, b) -> a.score != b.score ? Float.compare(b.score, a.score)
                    : Integer.compare(a.doc, b.doc));
            int count = Math.min(k, sorted.length);
            List<Hit> hits = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                hits.add(new Hit(itemIds[sorted[i].doc], 2 * sorted[i].score - 1));
            }
            return hits;
        } catch (IOException e) {
            throw new UncheckedIOException("could not search the HNSW index in " + path, e);
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            reader.close();
            directory.close();
        } catch (IOException e) {
            throw new UncheckedIOException("could not close the HNSW index in " + path, e);
        }
    }

    private static double ramBufferMb() {
        long max = Runtime.getRuntime().maxMemory() / (1024 * 1024);
        return Math.max(64, Math.min(1024, max / 4));
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, "pinnerformer-" + name);
            t.setDaemon(true);
            return t;
        };
    }

    private static int get(Future<Integer> f) throws IOException {
        try {
            return f.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw e.getCause() instanceof RuntimeException r ? r
                    : new IllegalStateException("an HNSW build thread failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while building the HNSW index", e);
        }
    }
}
