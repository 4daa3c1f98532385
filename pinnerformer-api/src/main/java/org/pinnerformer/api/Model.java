package org.pinnerformer.api;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;

/**
 * A trained model bundle, opened by {@link PinnerFormer#open} or returned by {@link PinnerFormer#train}: embeds users
 * by their ids, builds and opens item indexes, runs the daily job and recommends. Every artefact it writes records its
 * model id and every artefact it reads is checked against it. The backend is opened on first use and closed by
 * {@link #close()}; use after close fails with {@link IllegalStateException}.
 */
public interface Model extends AutoCloseable {

    /** The model id: a content hash of the bundle's checkpoint and item vectors. */
    String id();

    /** The bundle's directory. */
    Path directory();

    /** D, the size of user and item embeddings. */
    int dimension();

    /**
     * Embeds users from their latest actions in {@code data} (at most the model's sequence length of them), in the
     * order given.
     *
     * @param userIds the data set's user ids, each at most once
     * @throws IllegalArgumentException naming the first user that has no action in {@code data}
     */
    Embeddings embed(DataSource data, Collection<Long> userIds);

    /**
     * An exact in-memory index of every item of the bundle, encoded by the model's item tower; it records this
     * model's id.
     */
    ItemIndex buildIndex();

    /**
     * Builds an HNSW index of every item of the bundle into {@code directory} (new or empty), recording this model's
     * id, and opens it.
     *
     * @throws PinnerFormerException if the directory is not empty or cannot be written
     */
    ItemIndex buildIndex(Path directory);

    /**
     * Opens an index saved in {@code directory} (by {@link #buildIndex(Path)} or {@code pinnerformer index}).
     *
     * @throws ModelMismatchException naming both ids if the index was built from another model
     */
    ItemIndex openIndex(Path directory);

    /**
     * Runs the daily job for {@code date}: embeds everyone with an action in {@code data} since the previous run
     * (everyone on a first run) from their actions up to the end of that day, copies the other users' vectors from
     * the store's previous snapshot, and publishes the day's snapshot in {@code store} (created if missing).
     *
     * @throws ModelMismatchException if the store's previous snapshot was computed with another model
     */
    DailyJobResult runDailyJob(DataSource data, Path store, LocalDate date);

    /**
     * Recommends from embeddings of this model searched in an index of this model.
     *
     * @throws ModelMismatchException naming both ids if the embeddings or the index come from another model, or the
     *     index records no model
     */
    Recommender recommender(Embeddings users, ItemIndex items);

    /**
     * Exports the model's towers in another format ({@code "onnx"} with {@code pinnerformer-backend-onnx} on the
     * path) into {@code directory}.
     *
     * @return the files written
     * @throws BackendException naming the formats available when no exporter of that format is found
     */
    List<Path> export(String format, Path directory);

    /** The name of the backend the model runs on (opens it when not open yet). */
    String backend();

    /** Closes the backend; idempotent. */
    @Override
    void close();
}
