package org.pinnerformer.core.features;

import java.util.Set;
import org.pinnerformer.api.Action;
import org.pinnerformer.api.Vocabulary;
import org.pinnerformer.core.data.ItemCatalog;
import org.pinnerformer.core.data.Timelines;
import org.pinnerformer.core.data.TimelinesBuilder;

/** Small hand-built data: items 1..10 whose 2-d vector is (id, -id). */
final class Fixtures {
    static final Vocabulary TYPES = Vocabulary.of("view", "save");
    static final Vocabulary SURFACES = Vocabulary.of("home", "search");

    private Fixtures() {
    }

    static ItemCatalog catalog() {
        ItemCatalog.Builder b = ItemCatalog.builder(2);
        for (long id = 1; id <= 10; id++) {
            b.add(id, new float[] {id, -id}, null);
        }
        return b.build();
    }

    static Timelines timelines(ItemCatalog catalog, Action... actions) {
        TimelinesBuilder b = new TimelinesBuilder(catalog, TYPES, SURFACES, Set.of("save"));
        for (Action a : actions) {
            b.add(a);
        }
        return b.build();
    }
}
