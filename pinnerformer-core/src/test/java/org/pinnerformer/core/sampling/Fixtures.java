package org.pinnerformer.core.sampling;

import java.util.Set;
import org.pinnerformer.api.Action;
import org.pinnerformer.api.Vocabulary;
import org.pinnerformer.core.data.ItemCatalog;
import org.pinnerformer.core.data.Timelines;
import org.pinnerformer.core.data.TimelinesBuilder;

/** Small hand-built data: items 1..20 whose 2-d vector is (id, 0); "save" is the positive type. */
final class Fixtures {
    static final double DAY = 86_400;

    private Fixtures() {
    }

    static ItemCatalog catalog() {
        ItemCatalog.Builder b = ItemCatalog.builder(2);
        for (long id = 1; id <= 20; id++) {
            b.add(id, new float[] {id, 0}, null);
        }
        return b.build();
    }

    static Action view(long user, long item, double days) {
        return new Action(user, item, 1_767_225_600 + days * DAY, "view", "home", 1);
    }

    static Action save(long user, long item, double days) {
        return new Action(user, item, 1_767_225_600 + days * DAY, "save", "home", 1);
    }

    /**
     * User 1 (index 0): view@0 save@1 view@2 save@10 view@40 save@41 view@100 view@101 (days; items 1..8);
     * user 2 (index 1): views only; user 3 (index 2): view@0 save@5 save@6 save@7 (items 11..14).
     */
    static Timelines timelines(ItemCatalog catalog) {
        TimelinesBuilder b = new TimelinesBuilder(catalog, Vocabulary.of("view", "save"), Vocabulary.of("home"),
                Set.of("save"));
        Action[] actions = {
            view(1, 1, 0), save(1, 2, 1), view(1, 3, 2), save(1, 4, 10), view(1, 5, 40), save(1, 6, 41),
            view(1, 7, 100), view(1, 8, 101),
            view(2, 9, 0), view(2, 10, 3),
            view(3, 11, 0), save(3, 12, 5), save(3, 13, 6), save(3, 14, 7)
        };
        for (Action a : actions) {
            b.add(a);
        }
        return b.build();
    }
}
