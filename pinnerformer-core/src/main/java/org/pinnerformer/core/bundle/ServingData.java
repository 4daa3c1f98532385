package org.pinnerformer.core.bundle;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.pinnerformer.core.data.Dataset;
import org.pinnerformer.core.data.ItemCatalog;
import org.pinnerformer.core.data.ItemVectors;
import org.pinnerformer.core.data.Timelines;
import org.pinnerformer.core.data.TimelinesBuilder;

/**
 * An action log prepared for serving with a bundle: users' sequences are featurised with the bundle's item vectors,
 * never with vectors derived again from the data. The new-item rule: an item of the log that the bundle lacks is
 * kept when its content vector is given ({@code newItemVectors}; it then goes through the item tower like any
 * other), otherwise every action on it is skipped and counted.
 *
 * @param timelines the log's actions on items of {@link #catalog()}, indexing into it
 * @param catalog the bundle's items, in bundle order, then the new items with a given content vector
 * @param newItems distinct items with an action in the log but not in the bundle
 * @param newItemsWithVectors how many of those had a content vector and were kept
 * @param skippedActions actions on new items without a content vector, left out of the timelines
 */
public record ServingData(Timelines timelines, ItemCatalog catalog, int newItems, int newItemsWithVectors,
        long skippedActions) {

    /** Validates. */
    public ServingData {
        Objects.requireNonNull(timelines, "timelines");
        Objects.requireNonNull(catalog, "catalog");
    }

    /**
     * Applies the new-item rule to {@code data}'s action log.
     *
     * @param newItemVectors content vectors for items the bundle lacks (of the bundle's item vector size), or empty
     * @throws IllegalArgumentException if the new items' vectors have another size than the bundle's
     */
    public static ServingData of(ModelBundle bundle, Dataset data, Optional<ItemVectors> newItemVectors) {
        Objects.requireNonNull(bundle, "bundle");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(newItemVectors, "newItemVectors");
        ItemCatalog items = bundle.items();
        int f = items.vectorSize();
        if (newItemVectors.isPresent() && newItemVectors.get().dimension() != f) {
            throw new IllegalArgumentException("the new items' content vectors have " + newItemVectors.get()
                    .dimension() + " values but the bundle's item vectors have " + f);
        }
        Timelines log = data.timelines();
        ItemCatalog logItems = data.catalog();
        ItemCatalog.Builder b = ItemCatalog.builder(f);
        for (String name : items.categoryNames()) {
            b.category(name);
        }
        for (int i = 0; i < items.size(); i++) {
            b.add(items.itemId(i), items.vector(i), items.title(i).orElse(null), items.categories(i));
        }
        int[] map = new int[logItems.size()];
        boolean[] used = new boolean[logItems.size()];
        for (int i = 0; i < log.actionCount(); i++) {
            used[log.item(i)] = true;
        }
        int newItems = 0;
        int kept = 0;
        int next = items.size();
        for (int i = 0; i < logItems.size(); i++) {
            long id = logItems.itemId(i);
            OptionalInt inBundle = items.index(id);
            if (inBundle.isPresent()) {
                map[i] = inBundle.getAsInt();
                continue;
            }
            map[i] = -1;
            if (!used[i]) {
                continue;
            }
            newItems++;
            OptionalInt v = newItemVectors.flatMap(nv -> {
                OptionalInt j = nv.index(id);
                return j.isPresent() ? Optional.of(j.getAsInt()) : Optional.empty();
            }).map(OptionalInt::of).orElse(OptionalInt.empty());
            if (v.isPresent()) {
                b.add(id, newItemVectors.get().vector(v.getAsInt()), logItems.title(i).orElse(null));
                map[i] = next++;
                kept++;
            }
        }
        ItemCatalog catalog = b.build();
        TimelinesBuilder t = new TimelinesBuilder(catalog, log.actionTypes(), log.surfaces(),
                data.positiveActionTypes());
        long skipped = 0;
        for (int u = 0; u < log.userCount(); u++) {
            for (int i = log.start(u); i < log.end(u); i++) {
                int item = map[log.item(i)];
                if (item < 0) {
                    skipped++;
                    continue;
                }
                t.add(log.userId(u), item, log.timestamp(i), log.actionType(i), log.surface(i), log.duration(i));
            }
        }
        return new ServingData(t.build(), catalog, newItems, kept, skipped);
    }
}
