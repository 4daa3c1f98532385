package org.pinnerformer.core.bundle;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.pinnerformer.api.Version;
import org.pinnerformer.core.data.Dataset;
import org.pinnerformer.core.data.ItemCatalog;
import org.pinnerformer.core.data.Timelines;

/**
 * Where a model came from: recorded in a bundle's {@code model.json}, not part of its model id (the same weights and
 * item vectors trained twice are the same model).
 *
 * @param dataset the data set's name ({@code Dataset.name()})
 * @param datasetSha256 {@link #contentHash(Dataset)} of the data set as read
 * @param training the training options and experiment settings, as names and values
 * @param libraryVersion the library version that wrote the bundle
 * @param created when the bundle was written
 */
public record Provenance(String dataset, String datasetSha256, Map<String, String> training, String libraryVersion,
        Instant created) {

    /** Validates and copies. */
    public Provenance {
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(datasetSha256, "datasetSha256");
        Objects.requireNonNull(libraryVersion, "libraryVersion");
        Objects.requireNonNull(created, "created");
        training = Map.copyOf(Objects.requireNonNull(training, "training"));
    }

    /** The provenance of a model trained now, by this library version, on {@code data}. */
    public static Provenance of(Dataset data, Map<String, String> training) {
        return new Provenance(data.name(), contentHash(data), new TreeMap<>(training), Version.VERSION,
                Instant.now());
    }

    /**
     * A SHA-256 of a data set's content, independent of how its files were formatted: for every user in order, the
     * user id and each action's item id, timestamp, action type, surface and duration; then every catalogue item id.
     * Lower-case hex.
     */
    public static String contentHash(Dataset data) {
        MessageDigest md = Checksums.sha256();
        Timelines t = data.timelines();
        ItemCatalog c = data.catalog();
        ByteBuffer b = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
        for (String tok : t.actionTypes().tokens()) {
            md.update(tok.getBytes(StandardCharsets.UTF_8));
            md.update((byte) 0);
        }
        for (String tok : t.surfaces().tokens()) {
            md.update(tok.getBytes(StandardCharsets.UTF_8));
            md.update((byte) 0);
        }
        for (int u = 0; u < t.userCount(); u++) {
            b.clear();
            b.putLong(t.userId(u)).putInt(t.length(u));
            md.update(b.array(), 0, b.position());
            for (int i = t.start(u); i < t.end(u); i++) {
                b.clear();
                b.putLong(c.itemId(t.item(i))).putDouble(t.timestamp(i)).put((byte) t.actionType(i))
                        .put((byte) t.surface(i)).putFloat(t.duration(i));
                md.update(b.array(), 0, b.position());
            }
        }
        for (int i = 0; i < c.size(); i++) {
            b.clear();
            b.putLong(c.itemId(i));
            md.update(b.array(), 0, 8);
        }
        return Checksums.hex(md.digest());
    }
}
