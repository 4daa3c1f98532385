package org.pinnerformer.core.data;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.pinnerformer.api.Action;
import org.pinnerformer.api.Vocabulary;

/**
 * Actions as read from logs, before they are mapped to a catalogue and vocabularies: external user and item
 * ids, epoch-second timestamps, action-type and surface tokens, durations and optional item categories, in
 * flat primitive arrays (about 40 bytes an action, no object per action). Readers append to a table; several
 * files can go into one table (MovieLens ratings and tags, for example).
 *
 * <p>Tokens are kept as read, so that any vocabulary can be applied later: {@link #addTo(TimelinesBuilder)}
 * drops and counts actions whose type or surface is out of the builder's vocabulary, or whose item is not in
 * its catalogue.
 */
public final class ActionTable {
    private final TokenDictionary actionTypes = new TokenDictionary();
    private final TokenDictionary surfaces = new TokenDictionary();
    private final TokenDictionary categories = new TokenDictionary();
    private long[] users = new long[1024];
    private long[] items = new long[1024];
    private double[] times = new double[1024];
    private int[] types = new int[1024];
    private int[] surfs = new int[1024];
    private float[] durations = new float[1024];
    private int[] cats = new int[1024];
    private int size;

    /** An empty table. */
    public ActionTable() {
    }

    /** The number of actions. */
    public int size() {
        return size;
    }

    /** The user id of action {@code i}. */
    public long userId(int i) {
        return users[Objects.checkIndex(i, size)];
    }

    /** The item id of action {@code i}. */
    public long itemId(int i) {
        return items[Objects.checkIndex(i, size)];
    }

    /** The timestamp of action {@code i}, in epoch seconds. */
    public double timestamp(int i) {
        return times[Objects.checkIndex(i, size)];
    }

    /** The action type of action {@code i}. */
    public String actionType(int i) {
        return actionTypes.token(types[Objects.checkIndex(i, size)]);
    }

    /** The surface of action {@code i}. */
    public String surface(int i) {
        return surfaces.token(surfs[Objects.checkIndex(i, size)]);
    }

    /** The duration of action {@code i}, in seconds. */
    public float duration(int i) {
        return durations[Objects.checkIndex(i, size)];
    }

    /** The item category of action {@code i}, when the log has one. */
    public Optional<String> itemCategory(int i) {
        int c = cats[Objects.checkIndex(i, size)];
        return c < 0 ? Optional.empty() : Optional.of(categories.token(c));
    }

    /** Action {@code i} as an {@link Action}. */
    public Action action(int i) {
        return new Action(userId(i), items[i], times[i], actionTypes.token(types[i]), surfaces.token(surfs[i]),
                durations[i]);
    }

    /** Appends an action (without item category). */
    public void add(Action a) {
        add(a.userId(), a.itemId(), a.timestamp(), actionTypes.intern(a.actionType()), surfaces.intern(a.surface()),
                (float) a.durationSeconds(), -1);
    }

    /** The fast path of readers: tokens already interned in this table's dictionaries. */
    void add(long user, long item, double timestamp, int type, int surface, float duration, int category) {
        if (size == users.length) {
            int cap = Math.multiplyExact(size, 2);
            users = Arrays.copyOf(users, cap);
            items = Arrays.copyOf(items, cap);
            times = Arrays.copyOf(times, cap);
            types = Arrays.copyOf(types, cap);
            surfs = Arrays.copyOf(surfs, cap);
            durations = Arrays.copyOf(durations, cap);
            cats = Arrays.copyOf(cats, cap);
        }
        users[size] = user;
        items[size] = item;
        times[size] = timestamp;
        types[size] = type;
        surfs[size] = surface;
        durations[size] = duration;
        cats[size] = category;
        size++;
    }

    TokenDictionary actionTypeDictionary() {
        return actionTypes;
    }

    TokenDictionary surfaceDictionary() {
        return surfaces;
    }

    TokenDictionary categoryDictionary() {
        return categories;
    }

    /** Removes every action (the token dictionaries are kept). */
    public void clear() {
        size = 0;
    }

    /** How many actions have each action type, in the order the types were first seen. */
    public Map<String, Long> actionTypeCounts() {
        return counts(actionTypes, types);
    }

    /** How many actions have each surface, in the order the surfaces were first seen. */
    public Map<String, Long> surfaceCounts() {
        return counts(surfaces, surfs);
    }

    private Map<String, Long> counts(TokenDictionary dict, int[] column) {
        long[] n = new long[dict.size()];
        for (int i = 0; i < size; i++) {
            n[column[i]]++;
        }
        Map<String, Long> m = new LinkedHashMap<>();
        for (int t = 0; t < n.length; t++) {
            if (n[t] > 0) {
                m.put(dict.token(t), n[t]);
            }
        }
        return m;
    }

    /** The distinct item ids, ascending. */
    public long[] distinctItemIds() {
        return distinct(items);
    }

    /** The distinct user ids, ascending. */
    public long[] distinctUserIds() {
        return distinct(users);
    }

    private long[] distinct(long[] column) {
        long[] sorted = Arrays.copyOf(column, size);
        Arrays.sort(sorted);
        int n = 0;
        for (int i = 0; i < sorted.length; i++) {
            if (i == 0 || sorted[i] != sorted[i - 1]) {
                sorted[n++] = sorted[i];
            }
        }
        return Arrays.copyOf(sorted, n);
    }

    /**
     * A catalogue of the distinct items of this table, by ascending id, with the item categories seen in the
     * log (in the order first seen; usually one per item). Its vectors are placeholders: one zero per item,
     * until content vectors are set with {@link ItemCatalog#withVectors(int, float[])}.
     */
    public ItemCatalog itemCatalog() {
        long[] ids = distinctItemIds();
        int[][] itemCats = new int[ids.length][];
        for (int i = 0; i < size; i++) {
            int cat = cats[i];
            if (cat >= 0) {
                int k = Arrays.binarySearch(ids, items[i]);
                int[] c = itemCats[k];
                if (c == null) {
                    itemCats[k] = new int[] {cat};
                } else if (Arrays.stream(c).noneMatch(x -> x == cat)) {
                    int[] grown = Arrays.copyOf(c, c.length + 1);
                    grown[c.length] = cat;
                    itemCats[k] = grown;
                }
            }
        }
        ItemCatalog.Builder b = ItemCatalog.builder(1);
        for (String name : categories.tokens()) {
            b.category(name);
        }
        float[] zero = new float[1];
        for (int k = 0; k < ids.length; k++) {
            b.add(ids[k], zero, null, itemCats[k] == null ? new int[0] : itemCats[k]);
        }
        return b.build();
    }

    /**
     * Adds every action to a timelines builder, mapped to its catalogue and vocabularies. Actions with an
     * out-of-vocabulary type or surface, or an item outside the catalogue, are dropped and counted by the
     * builder ({@link TimelinesBuilder#dropped()}).
     */
    public void addTo(TimelinesBuilder builder) {
        int[] typeIndex = vocabularyIndex(actionTypes, builder.actionTypes());
        int[] surfaceIndex = vocabularyIndex(surfaces, builder.surfaces());
        ItemCatalog catalog = builder.catalog();
        for (int i = 0; i < size; i++) {
            int t = typeIndex[types[i]];
            int s = surfaceIndex[surfs[i]];
            OptionalInt item = t < 0 || s < 0 ? OptionalInt.empty() : catalog.index(items[i]);
            if (item.isEmpty()) {
                builder.add(action(i)); // counts why it is dropped
            } else {
                builder.add(users[i], item.getAsInt(), times[i], t, s, durations[i]);
            }
        }
    }

    private static int[] vocabularyIndex(TokenDictionary dict, Vocabulary vocabulary) {
        int[] map = new int[dict.size()];
        List<String> tokens = dict.tokens();
        for (int t = 0; t < map.length; t++) {
            map[t] = vocabulary.indexOf(tokens.get(t)).orElse(-1);
        }
        return map;
    }
}
