package org.pinnerformer.cli;

import java.util.stream.IntStream;
import org.pinnerformer.api.ModelSpec;
import org.pinnerformer.core.data.ItemCatalog;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** {@code --item-ids none|hashed|exact}: the learned item-id embedding of the model a command trains. */
final class ItemIdArgs {
    /** Hash buckets per catalogue item with {@code --item-ids hashed}. */
    static final int BUCKETS_PER_ITEM = 4;

    @Option(names = "--item-ids", paramLabel = "MODE", defaultValue = "none",
            description = "Learned item-id embeddings added to the item content vectors: none; hashed into "
                    + BUCKETS_PER_ITEM + " x the catalogue size buckets; or exact, one row per catalogue item plus"
                    + " one, zero, for items outside the training catalogue (they keep their content vector alone)"
                    + " (default: ${DEFAULT-VALUE}).")
    String mode;

    ItemIdArgs() {
    }

    ItemIdArgs(String mode) {
        this.mode = mode;
    }

    /** {@code base} with the item-id embedding of {@code --item-ids} for {@code catalog}. */
    ModelSpec apply(CommandSpec spec, ModelSpec base, ItemCatalog catalog) {
        ModelSpec.Builder b = base.toBuilder().itemIdHashBuckets(0).exactItemIds();
        switch (mode) {
            case "none" -> {
            }
            case "hashed" -> b.itemIdHashBuckets(BUCKETS_PER_ITEM * catalog.size());
            case "exact" -> b.exactItemIds(exactVocabulary(catalog));
            default -> throw new CommandLine.ParameterException(spec.commandLine(),
                    "--item-ids must be none, hashed or exact, was '" + mode + "'");
        }
        return b.build();
    }

    /** The vocabulary of exact item ids for {@code catalog}: its item ids in index order. */
    static long[] exactVocabulary(ItemCatalog catalog) {
        return IntStream.range(0, catalog.size()).mapToLong(catalog::itemId).toArray();
    }
}
