package org.pinnerformer.core.retrieval;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.stream.Stream;
import org.pinnerformer.api.IoErrors;
import org.pinnerformer.api.ItemIndex;
import org.pinnerformer.api.ModelSpec;
import org.pinnerformer.api.PinnerFormerException;
import org.pinnerformer.core.data.ItemCatalog;
import org.pinnerformer.core.data.ItemVectors;
import org.pinnerformer.spi.ItemEncoder;

/**
 * Builds the item index of a model's catalogue (the item tower applied to every item through
 * {@link ItemEmbeddings#encode}), reopens saved indexes of either kind and reads the model id an index records.
 */
public final class ItemIndexes {
    private ItemIndexes() {
    }

    /**
     * An exact index of every catalogue item encoded by {@code encoder}, searching on {@code threads} threads.
     *
     * @param spec the checkpoint's spec; its item vector size must be the catalogue's
     * @throws IllegalArgumentException if the sizes disagree or batchSize or threads is not positive
     */
    public static ExactItemIndex exact(ItemEncoder encoder, ItemCatalog catalog, ModelSpec spec, int batchSize,
            int threads) {
        if (threads <= 0) {
            throw new IllegalArgumentException("threads must be > 0, was " + threads);
        }
        return ExactItemIndex.of(ItemEmbeddings.encode(encoder, catalog, spec, batchSize), threads);
    }

    /**
     * An HNSW index of every catalogue item encoded by {@code encoder}, written into {@code dir}.
     *
     * @param spec the checkpoint's spec; its item vector size must be the catalogue's
     * @param modelId the id of the model (bundle) the encoder and catalogue come from, recorded in the index
     * @throws IllegalArgumentException if the sizes disagree or batchSize is not positive
     * @throws PinnerFormerException if {@code dir} already holds an index or cannot be written
     */
    public static HnswItemIndex hnsw(ItemEncoder encoder, ItemCatalog catalog, ModelSpec spec, String modelId,
            int batchSize, HnswOptions options, Path dir) {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(modelId, "modelId");
        ItemVectors space = ItemEmbeddings.encode(encoder, catalog, spec, batchSize);
        return HnswItemIndex.build(space, modelId, options, dir);
    }

    /**
     * Reopens an index saved by {@link ExactItemIndex#save} or built by {@link HnswItemIndex#build}; an exact
     * index searches on {@code threads} threads, an HNSW one with the ef recorded at build time.
     *
     * @throws PinnerFormerException if the directory is missing, holds no complete index or is damaged
     */
    public static ItemIndex open(Path dir, int threads) {
        Objects.requireNonNull(dir, "dir");
        IndexMetadata meta = IndexMetadata.read(dir);
        return meta.kind().equals(IndexMetadata.EXACT) ? ExactItemIndex.open(dir, threads) : HnswItemIndex.open(dir);
    }

    /**
     * The id of the model whose item tower computed the vectors of the index saved in {@code dir}; an index written
     * before model bundles reads as an unknown model that equals no bundle's id.
     *
     * @throws PinnerFormerException if the directory holds no complete index
     */
    public static String modelIdOf(Path dir) {
        return IndexMetadata.read(Objects.requireNonNull(dir, "dir")).modelId();
    }

    /** The kind of the index saved in {@code dir}: {@code "exact"} or {@code "hnsw"}. */
    public static String kindOf(Path dir) {
        return IndexMetadata.read(Objects.requireNonNull(dir, "dir")).kind();
    }

    /** Creates {@code dir} if missing and refuses one that is not empty, so an index is never mixed with files. */
    static void prepareEmptyDirectory(Path dir) {
        try {
            if (Files.exists(dir) && !Files.isDirectory(dir)) {
                throw new PinnerFormerException("cannot write an item index into " + dir + ": it is a file");
            }
            Files.createDirectories(dir);
            try (Stream<Path> entries = Files.list(dir)) {
                if (entries.findAny().isPresent()) {
                    throw new PinnerFormerException("cannot write an item index into " + dir
                            + ": the directory is not empty; choose a new or empty directory");
                }
            }
        } catch (IOException e) {
            throw new PinnerFormerException(IoErrors.describe("could not create the index directory " + dir, e), e);
        }
    }

    /** Checks a query against an index of dimension {@code dimension}. */
    static void checkQuery(float[] query, int k, int dimension) {
        Objects.requireNonNull(query, "query");
        if (k <= 0) {
            throw new IllegalArgumentException("k must be > 0, was " + k);
        }
        if (query.length != dimension) {
            throw new IllegalArgumentException("the query must have the index's dimension " + dimension
                    + ", it has " + query.length + " values");
        }
        for (int i = 0; i < query.length; i++) {
            if (!Float.isFinite(query[i])) {
                throw new IllegalArgumentException("the query holds a non-finite value " + query[i]
                        + " at position " + i);
            }
        }
    }
}
