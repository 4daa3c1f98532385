package org.pinnerformer.api;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * An ordered set of tokens (action types or surfaces). A token's index is its position in
 * {@link #tokens()}; embedding tables have {@code size() + 1} rows because row 0 is reserved for
 * padding, so token {@code i} uses row {@code i + 1} (see {@link #embeddingRow(String)}).
 *
 * <p>Actions whose type or surface is not in the vocabulary are dropped (as in the paper) and counted
 * by the readers.
 *
 * @param tokens distinct, non-empty tokens in index order
 */
public record Vocabulary(List<String> tokens) {

    /** Validates and copies the tokens. */
    public Vocabulary {
        Objects.requireNonNull(tokens, "tokens");
        tokens = List.copyOf(tokens);
        if (tokens.isEmpty()) {
            throw new IllegalArgumentException("a vocabulary needs at least one token");
        }
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < tokens.size(); i++) {
            String t = tokens.get(i);
            if (t.isEmpty()) {
                throw new IllegalArgumentException("vocabulary token " + i + " is empty");
            }
            Integer previous = seen.put(t, i);
            if (previous != null) {
                throw new IllegalArgumentException(
                        "vocabulary token '" + t + "' appears twice, at " + previous + " and " + i);
            }
        }
    }

    /** A vocabulary of the given tokens, in order. */
    public static Vocabulary of(String... tokens) {
        return new Vocabulary(List.of(tokens));
    }

    /** The number of tokens. */
    public int size() {
        return tokens.size();
    }

    /** The index of a token, or empty when it is out of vocabulary. */
    public OptionalInt indexOf(String token) {
        int i = tokens.indexOf(token);
        return i < 0 ? OptionalInt.empty() : OptionalInt.of(i);
    }

    /** Whether the token is in the vocabulary. */
    public boolean contains(String token) {
        return tokens.contains(token);
    }

    /**
     * The embedding-table row of a token ({@code index + 1}; row 0 is padding), or empty when the
     * token is out of vocabulary.
     */
    public OptionalInt embeddingRow(String token) {
        int i = tokens.indexOf(token);
        return i < 0 ? OptionalInt.empty() : OptionalInt.of(i + 1);
    }

    /** The number of rows an embedding table for this vocabulary has: {@code size() + 1}. */
    public int embeddingRows() {
        return tokens.size() + 1;
    }
}
