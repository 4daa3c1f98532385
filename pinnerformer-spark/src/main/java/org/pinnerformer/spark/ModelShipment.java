package org.pinnerformer.spark;

import java.io.Serializable;
import java.util.Objects;
import org.apache.spark.broadcast.Broadcast;

/**
 * What a task needs to find or open its executor's model: the broadcast checkpoint file and the backend settings.
 *
 * @param checkpoint the checkpoint's safetensors bytes
 * @param checkpointId {@code Checkpoint.id()}, checked after reading
 * @param backend the backend name; empty: the job's default choice
 * @param threads intra-op threads of the encoder
 */
record ModelShipment(Broadcast<byte[]> checkpoint, String checkpointId, String backend, int threads)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    ModelShipment {
        Objects.requireNonNull(checkpoint, "checkpoint");
        Objects.requireNonNull(checkpointId, "checkpointId");
        Objects.requireNonNull(backend, "backend");
    }

    /** The key of the executor's model: one per checkpoint, backend and thread count. */
    String key() {
        return checkpointId + "/" + backend + "/" + threads;
    }
}
