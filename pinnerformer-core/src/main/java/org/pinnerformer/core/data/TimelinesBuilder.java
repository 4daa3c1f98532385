package org.pinnerformer.core.data;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Set;
import org.pinnerformer.api.Action;
import org.pinnerformer.api.Vocabulary;

/**
 * Collects actions and builds {@link Timelines}: actions whose type or surface is out of vocabulary, or whose
 * item is not in the catalogue, are dropped and counted ({@link #dropped()}); each user's actions are sorted
 * by time (stable, so equal timestamps keep their input order) and exact duplicates (same item, time, type,
 * surface and duration) are removed and counted.
 */
public final class TimelinesBuilder {

    /** Why an action was not kept. */
    public enum DropReason {
        /** Its action type is not in the vocabulary. */
        UNKNOWN_ACTION_TYPE,
        /** Its surface is not in the vocabulary. */
        UNKNOWN_SURFACE,
        /** Its item is not in the catalogue. */
        UNKNOWN_ITEM,
        /** It repeats another action of the same user exactly. */
        DUPLICATE
    }

    private final ItemCatalog catalog;
    private final Vocabulary actionTypes;
    private final Vocabulary surfaces;
    private final boolean[] positiveTypes;
    private final Map<DropReason, Long> dropped = new EnumMap<>(DropReason.class);

    private long[] users = new long[1024];
    private int[] items = new int[1024];
    private double[] times = new double[1024];
    private byte[] types = new byte[1024];
    private byte[] surfs = new byte[1024];
    private float[] durations = new float[1024];
    private int size;

    /**
     * A builder.
     *
     * @param positiveTypes the action types that count as positive engagement; each must be in
     *     {@code actionTypes}
     * @throws IllegalArgumentException if a vocabulary has more than 255 tokens or a positive type is unknown
     */
    public TimelinesBuilder(ItemCatalog catalog, Vocabulary actionTypes, Vocabulary surfaces,
            Set<String> positiveTypes) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.actionTypes = Objects.requireNonNull(actionTypes, "actionTypes");
        this.surfaces = Objects.requireNonNull(surfaces, "surfaces");
        if (actionTypes.size() > 255 || surfaces.size() > 255) {
            throw new IllegalArgumentException("vocabularies of more than 255 tokens are not supported, had "
                    + actionTypes.size() + " action types and " + surfaces.size() + " surfaces");
        }
        this.positiveTypes = new boolean[actionTypes.size()];
        for (String t : positiveTypes) {
            OptionalInt i = actionTypes.indexOf(t);
            if (i.isEmpty()) {
                throw new IllegalArgumentException("positive action type '" + t + "' is not in the vocabulary "
                        + actionTypes.tokens());
            }
            this.positiveTypes[i.getAsInt()] = true;
        }
        for (DropReason r : DropReason.values()) {
            dropped.put(r, 0L);
        }
    }

    /** Adds an action, or counts why it is dropped. Returns whether it was kept (duplicates are found later). */
    public boolean add(Action a) {
        OptionalInt type = actionTypes.indexOf(a.actionType());
        if (type.isEmpty()) {
            return drop(DropReason.UNKNOWN_ACTION_TYPE);
        }
        OptionalInt surface = surfaces.indexOf(a.surface());
        if (surface.isEmpty()) {
            return drop(DropReason.UNKNOWN_SURFACE);
        }
        OptionalInt item = catalog.index(a.itemId());
        if (item.isEmpty()) {
            return drop(DropReason.UNKNOWN_ITEM);
        }
        add(a.userId(), item.getAsInt(), a.timestamp(), type.getAsInt(), surface.getAsInt(),
                (float) a.durationSeconds());
        return true;
    }

    /** Adds an action already mapped to catalogue and vocabulary indexes (the fast path of readers). */
    public void add(long userId, int itemIndex, double timestamp, int typeIndex, int surfaceIndex, float duration) {
        Objects.checkIndex(itemIndex, catalog.size());
        Objects.checkIndex(typeIndex, actionTypes.size());
        Objects.checkIndex(surfaceIndex, surfaces.size());
        if (!TimestampUnit.inRange(timestamp) || !Float.isFinite(duration) || duration < 0) {
            throw new IllegalArgumentException("timestamp must be epoch seconds in the years 1 to 9999 and duration"
                    + " finite and >= 0, were " + timestamp + " and " + duration);
        }
        if (size == users.length) {
            int cap = Math.multiplyExact(size, 2);
            users = Arrays.copyOf(users, cap);
            items = Arrays.copyOf(items, cap);
            times = Arrays.copyOf(times, cap);
            types = Arrays.copyOf(types, cap);
            surfs = Arrays.copyOf(surfs, cap);
            durations = Arrays.copyOf(durations, cap);
        }
        users[size] = userId;
        items[size] = itemIndex;
        times[size] = timestamp;
        types[size] = (byte) typeIndex;
        surfs[size] = (byte) surfaceIndex;
        durations[size] = duration;
        size++;
    }

    private boolean drop(DropReason reason) {
        dropped.merge(reason, 1L, Long::sum);
        return false;
    }

    /** How many actions were dropped, by reason (duplicates are counted by {@link #build()}). */
    public Map<DropReason, Long> dropped() {
        return Map.copyOf(dropped);
    }

    /** The action-type vocabulary actions are mapped to. */
    public Vocabulary actionTypes() {
        return actionTypes;
    }

    /** The surface vocabulary actions are mapped to. */
    public Vocabulary surfaces() {
        return surfaces;
    }

    /** The catalogue actions are mapped to. */
    public ItemCatalog catalog() {
        return catalog;
    }

    /** Sorts by (user, time), removes exact duplicates and builds the timelines; users are ordered by id. */
    public Timelines build() {
        int[] order = sortOrder();
        int userCount = 0;
        long[] outUsers = new long[Math.max(16, size / 4)];
        int[] offsets = new int[outUsers.length + 1];
        int[] outItems = new int[size];
        double[] outTimes = new double[size];
        byte[] outTypes = new byte[size];
        byte[] outSurfs = new byte[size];
        float[] outDur = new float[size];
        int n = 0;
        long duplicates = 0;
        int userStart = 0;
        for (int k = 0; k < size; k++) {
            int i = order[k];
            boolean newUser = n == 0 || users[i] != outUsers[userCount - 1];
            if (newUser) {
                if (userCount == outUsers.length) {
                    outUsers = Arrays.copyOf(outUsers, userCount * 2);
                    offsets = Arrays.copyOf(offsets, userCount * 2 + 1);
                }
                outUsers[userCount] = users[i];
                offsets[userCount] = n;
                userCount++;
                userStart = n;
            } else if (isDuplicate(i, userStart, n, outItems, outTimes, outTypes, outSurfs, outDur)) {
                duplicates++;
                continue;
            }
            outItems[n] = items[i];
            outTimes[n] = times[i];
            outTypes[n] = types[i];
            outSurfs[n] = surfs[i];
            outDur[n] = durations[i];
            n++;
        }
        offsets[userCount] = n;
        dropped.merge(DropReason.DUPLICATE, duplicates, Long::sum);
        return new Timelines(Arrays.copyOf(outUsers, userCount), Arrays.copyOf(offsets, userCount + 1),
                Arrays.copyOf(outItems, n), Arrays.copyOf(outTimes, n), Arrays.copyOf(outTypes, n),
                Arrays.copyOf(outSurfs, n), Arrays.copyOf(outDur, n), actionTypes, surfaces, positiveTypes);
    }

    /** An exact duplicate has the same timestamp as the kept actions just before it; scan those. */
    private boolean isDuplicate(int i, int userStart, int n, int[] outItems, double[] outTimes, byte[] outTypes,
            byte[] outSurfs, float[] outDur) {
        for (int j = n - 1; j >= userStart && outTimes[j] == times[i]; j--) {
            if (outItems[j] == items[i] && outTypes[j] == types[i] && outSurfs[j] == surfs[i]
                    && outDur[j] == durations[i]) {
                return true;
            }
        }
        return false;
    }

    /** A stable sort of action indexes by (user, time), without boxing. */
    private int[] sortOrder() {
        int[] order = new int[size];
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        // A merge sort on (user, time, input index): stable, and no boxing.
        int[] tmp = new int[size];
        mergeSort(order, tmp, 0, size);
        return order;
    }

    private void mergeSort(int[] a, int[] tmp, int lo, int hi) {
        if (hi - lo < 32) {
            for (int i = lo + 1; i < hi; i++) {
                int v = a[i];
                int j = i - 1;
                while (j >= lo && compare(a[j], v) > 0) {
                    a[j + 1] = a[j];
                    j--;
                }
                a[j + 1] = v;
            }
            return;
        }
        int mid = (lo + hi) >>> 1;
        mergeSort(a, tmp, lo, mid);
        mergeSort(a, tmp, mid, hi);
        if (compare(a[mid - 1], a[mid]) <= 0) {
            return;
        }
        System.arraycopy(a, lo, tmp, lo, hi - lo);
        int i = lo;
        int j = mid;
        for (int k = lo; k < hi; k++) {
            if (j >= hi || (i < mid && compare(tmp[i], tmp[j]) <= 0)) {
                a[k] = tmp[i++];
            } else {
                a[k] = tmp[j++];
            }
        }
    }

    private int compare(int x, int y) {
        int c = Long.compare(users[x], users[y]);
        if (c != 0) {
            return c;
        }
        c = Double.compare(times[x], times[y]);
        return c != 0 ? c : Integer.compare(x, y);
    }
}
