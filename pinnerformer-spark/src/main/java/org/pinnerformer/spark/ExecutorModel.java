package org.pinnerformer.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.broadcast.Broadcast;
import org.pinnerformer.api.Backends;
import org.pinnerformer.api.Checkpoint;
import org.pinnerformer.api.PinnerFormerException;
import org.pinnerformer.core.data.ItemCatalog;
import org.pinnerformer.core.inference.BatchInferenceJob;
import org.pinnerformer.spi.Backend;
import org.pinnerformer.spi.BackendOptions;
import org.pinnerformer.spi.ItemEncoder;
import org.pinnerformer.spi.UserEncoder;

/**
 * The model of one executor JVM: the checkpoint read once from its broadcast bytes, the backend opened once, and
 * one user encoder and one item encoder opened on first use, shared by every task and partition that runs in this
 * JVM (the bundled backends' encoders are thread-safe). Closed when the JVM exits.
 */
final class ExecutorModel {
    private static final Map<String, ExecutorModel> MODELS = new ConcurrentHashMap<>();
    private static final Map<Long, ItemCatalog> CATALOGS = new ConcurrentHashMap<>();
    private static final AtomicInteger OPENED = new AtomicInteger();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> MODELS.values().forEach(m -> m.backend.close()),
                "pinnerformer-spark-close"));
    }

    private final Checkpoint checkpoint;
    private final Backend backend;
    private UserEncoder userEncoder;
    private ItemEncoder itemEncoder;

    private ExecutorModel(Checkpoint checkpoint, Backend backend) {
        this.checkpoint = checkpoint;
        this.backend = backend;
    }

    /** This JVM's model for the shipment, opened on the first call. */
    static ExecutorModel of(ModelShipment shipment) {
        return MODELS.computeIfAbsent(shipment.key(), k -> open(shipment));
    }

    /**
     * This JVM's copy of a broadcast catalogue, rebuilt on the first call. Only the newest catalogue is kept: a job
     * uses one, and the copies of finished jobs would only hold memory.
     */
    static ItemCatalog catalog(Broadcast<CatalogArrays> catalog) {
        ItemCatalog c = CATALOGS.get(catalog.id());
        if (c != null) {
            return c;
        }
        synchronized (CATALOGS) {
            c = CATALOGS.get(catalog.id());
            if (c == null) {
                c = catalog.value().toCatalog();
                CATALOGS.clear();
                CATALOGS.put(catalog.id(), c);
            }
            return c;
        }
    }

    /** How many models this JVM has opened so far (for tests). */
    static int opened() {
        return OPENED.get();
    }

    private static ExecutorModel open(ModelShipment s) {
        Checkpoint checkpoint = readCheckpoint(s.checkpoint().value());
        if (!checkpoint.id().equals(s.checkpointId())) {
            throw new PinnerFormerException("the broadcast checkpoint has id " + checkpoint.id() + ", expected "
                    + s.checkpointId());
        }
        Optional<String> name = s.backend().isEmpty() ? Optional.empty() : Optional.of(s.backend());
        Backend backend = BatchInferenceJob.openBackend(Backends.discover(), name,
                BackendOptions.defaults().withThreads(s.threads()));
        OPENED.incrementAndGet();
        return new ExecutorModel(checkpoint, backend);
    }

    /** Reads a checkpoint from its file bytes (Checkpoint reads files: a private temporary file is used). */
    static Checkpoint readCheckpoint(byte[] bytes) {
        Path tmp = null;
        try {
            tmp = Files.createTempFile("pinnerformer-checkpoint", ".safetensors");
            Files.write(tmp, bytes);
            return Checkpoint.read(tmp);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the broadcast checkpoint to a temporary file", e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException e) {
                    // a leftover temporary file is harmless
                }
            }
        }
    }

    Checkpoint checkpoint() {
        return checkpoint;
    }

    String backendName() {
        return backend.name();
    }

    synchronized UserEncoder userEncoder() {
        if (userEncoder == null) {
            userEncoder = backend.userEncoder(checkpoint);
        }
        return userEncoder;
    }

    synchronized ItemEncoder itemEncoder() {
        if (itemEncoder == null) {
            itemEncoder = backend.itemEncoder(checkpoint);
        }
        return itemEncoder;
    }
}
