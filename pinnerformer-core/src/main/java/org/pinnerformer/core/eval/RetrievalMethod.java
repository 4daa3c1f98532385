package org.pinnerformer.core.eval;

import java.util.Objects;
import org.pinnerformer.core.data.ItemVectors;

/**
 * Something evaluation ranks items with: a user embedder over an item space (models, and the recent-items
 * baselines), or one fixed score per item (popularity). Both go through the same retrieval and metric code.
 */
public sealed interface RetrievalMethod {

    /** The name shown in results. */
    String name();

    /**
     * Items ranked by their inner product with the user's embedding.
     *
     * @param name the name in results
     * @param users the user embedder; its dimension must be the item space's
     * @param items the item space, aligned with the evaluated data set's catalogue
     */
    record Embedding(String name, UserEmbedder users, ItemVectors items) implements RetrievalMethod {
        /** Validates the fields. */
        public Embedding {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(users, "users");
            Objects.requireNonNull(items, "items");
            if (users.dimension() != items.dimension()) {
                throw new IllegalArgumentException("the user embedder of " + name + " has dimension "
                        + users.dimension() + " but the item space has dimension " + items.dimension());
            }
        }
    }

    /**
     * The same ranking for every user: items by a fixed score (higher first).
     *
     * @param name the name in results
     * @param scores one finite score per catalogue item
     */
    record ItemScores(String name, float[] scores) implements RetrievalMethod {
        /** Validates and copies the scores. */
        public ItemScores {
            Objects.requireNonNull(name, "name");
            scores = scores.clone();
            for (int i = 0; i < scores.length; i++) {
                if (!Float.isFinite(scores[i])) {
                    throw new IllegalArgumentException("scores[" + i + "] must be finite, was " + scores[i]);
                }
            }
        }

        /** A copy of the scores. */
        @Override
        public float[] scores() {
            return scores.clone();
        }

        float score(int item) {
            return scores[item];
        }

        int size() {
            return scores.length;
        }
    }
}
