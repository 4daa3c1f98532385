package org.pinnerformer.core.data;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Small string tokens (action types, surfaces, categories) numbered in the order first seen, looked up by
 * their bytes without creating a {@code String}: readers find a row's token with one hash and one compare.
 */
final class TokenDictionary {
    /** More distinct tokens than this means the mapping points at the wrong column. */
    static final int MAX_TOKENS = 1 << 16;

    private byte[][] keys = new byte[16][];
    private String[] tokens = new String[16];
    private final Map<String, Integer> byString = new HashMap<>();
    private int[] table = new int[64];
    private int size;

    TokenDictionary() {
        Arrays.fill(table, -1);
    }

    int size() {
        return size;
    }

    String token(int index) {
        return tokens[index];
    }

    List<String> tokens() {
        return List.of(Arrays.copyOf(tokens, size));
    }

    /** The index of the token with these bytes, or -1. */
    int find(byte[] b, int s, int e) {
        int mask = table.length - 1;
        for (int slot = hash(b, s, e) & mask; ; slot = (slot + 1) & mask) {
            int t = table[slot];
            if (t < 0) {
                return -1;
            }
            byte[] k = keys[t];
            if (Arrays.equals(k, 0, k.length, b, s, e)) {
                return t;
            }
        }
    }

    /** The index of a token, adding it when new. */
    int intern(String token) {
        return intern(token, token.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The index of a token whose bytes in the source file are {@code bytes}, adding it when new.
     *
     * @throws IllegalStateException when there would be more than {@link #MAX_TOKENS} tokens
     */
    int intern(String token, byte[] bytes) {
        Integer known = byString.get(token);
        if (known != null) {
            // The same token in another byte form (another charset): found through its string, a little slower.
            return known;
        }
        if (size == MAX_TOKENS) {
            throw new IllegalStateException("more than " + MAX_TOKENS + " distinct values");
        }
        if (size == tokens.length) {
            tokens = Arrays.copyOf(tokens, size * 2);
            keys = Arrays.copyOf(keys, size * 2);
        }
        int index = size++;
        tokens[index] = token;
        byString.put(token, index);
        put(bytes, index);
        return index;
    }

    /** Stores the byte form of a new token and adds it to the hash table. */
    private void put(byte[] bytes, int index) {
        keys[index] = bytes.clone();
        if (size * 2 > table.length) {
            rehash();
            return;
        }
        int mask = table.length - 1;
        int slot = hash(bytes, 0, bytes.length) & mask;
        while (table[slot] >= 0) {
            slot = (slot + 1) & mask;
        }
        table[slot] = index;
    }

    private void rehash() {
        int[] t = new int[table.length * 2];
        Arrays.fill(t, -1);
        int mask = t.length - 1;
        for (int i = 0; i < size; i++) {
            int slot = hash(keys[i], 0, keys[i].length) & mask;
            while (t[slot] >= 0) {
                slot = (slot + 1) & mask;
            }
            t[slot] = i;
        }
        table = t;
    }

    private static int hash(byte[] b, int s, int e) {
        int h = 0x811C9DC5;
        for (int i = s; i < e; i++) {
            h = (h ^ b[i]) * 0x01000193;
        }
        return h ^ (h >>> 16);
    }
}
