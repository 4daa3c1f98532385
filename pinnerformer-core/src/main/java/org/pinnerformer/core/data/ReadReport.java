package org.pinnerformer.core.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.pinnerformer.core.data.TimelinesBuilder.DropReason;

/**
 * What happened while reading one or more files: how many data rows were read and accepted, how many were
 * skipped by {@link SkipReason} (lenient mode), how many accepted actions were later dropped by
 * {@link DropReason} (out-of-vocabulary action type or surface, unknown item, exact duplicate), and the first
 * few problems as messages naming file, line and field.
 *
 * <p>Nothing is lost silently: {@code rows() == accepted() + totalSkipped()}. Blank lines and header lines
 * are not rows. Instances are immutable; {@link #plus(ReadReport)} combines reports of several files.
 */
public final class ReadReport {
    /** How many example messages are kept per skip reason. */
    public static final int EXAMPLES_PER_REASON = 3;

    private final List<String> sources;
    private final long rows;
    private final long accepted;
    private final long blankLines;
    private final EnumMap<SkipReason, Long> skipped;
    private final EnumMap<DropReason, Long> dropped;
    private final EnumMap<SkipReason, List<String>> examples;

    ReadReport(List<String> sources, long rows, long accepted, long blankLines, Map<SkipReason, Long> skipped,
            Map<DropReason, Long> dropped, Map<SkipReason, List<String>> examples) {
        this.sources = List.copyOf(sources);
        this.rows = rows;
        this.accepted = accepted;
        this.blankLines = blankLines;
        this.skipped = new EnumMap<>(SkipReason.class);
        for (SkipReason r : SkipReason.values()) {
            this.skipped.put(r, skipped.getOrDefault(r, 0L));
        }
        this.dropped = new EnumMap<>(DropReason.class);
        for (DropReason r : DropReason.values()) {
            this.dropped.put(r, dropped.getOrDefault(r, 0L));
        }
        this.examples = new EnumMap<>(SkipReason.class);
        examples.forEach((r, list) -> this.examples.put(r, List.copyOf(list)));
    }

    /** A report of nothing read. */
    public static ReadReport empty() {
        return new ReadReport(List.of(), 0, 0, 0, Map.of(), Map.of(), Map.of());
    }

    /** The files (or stream names) read, in order. */
    public List<String> sources() {
        return sources;
    }

    /** Data rows seen: every line that is neither blank nor a header. */
    public long rows() {
        return rows;
    }

    /** Rows parsed successfully (before any {@link DropReason}). */
    public long accepted() {
        return accepted;
    }

    /** Blank lines, which are ignored. */
    public long blankLines() {
        return blankLines;
    }

    /** How many rows were skipped for {@code reason}. */
    public long skipped(SkipReason reason) {
        return skipped.get(reason);
    }

    /** Skipped rows by reason; every reason is present, most with 0. */
    public Map<SkipReason, Long> skipped() {
        return Collections.unmodifiableMap(skipped);
    }

    /** Rows skipped for any reason. */
    public long totalSkipped() {
        return skipped.values().stream().mapToLong(Long::longValue).sum();
    }

    /** How many accepted actions were dropped for {@code reason} when the timelines were built. */
    public long dropped(DropReason reason) {
        return dropped.get(reason);
    }

    /** Dropped actions by reason; every reason is present, most with 0. */
    public Map<DropReason, Long> dropped() {
        return Collections.unmodifiableMap(dropped);
    }

    /** Actions dropped for any reason. */
    public long totalDropped() {
        return dropped.values().stream().mapToLong(Long::longValue).sum();
    }

    /**
     * The first {@value #EXAMPLES_PER_REASON} problem messages per skip reason ("file, line 7, field 'rating':
     * is not a number: 'x'"), in reason order then file order.
     */
    public List<String> examples() {
        List<String> all = new ArrayList<>();
        examples.values().forEach(all::addAll);
        return List.copyOf(all);
    }

    /** The first problem messages recorded for {@code reason}. */
    public List<String> examples(SkipReason reason) {
        return examples.getOrDefault(reason, List.of());
    }

    /** This report and {@code other} together (sources concatenated, counts added, examples kept per reason). */
    public ReadReport plus(ReadReport other) {
        Objects.requireNonNull(other, "other");
        List<String> src = new ArrayList<>(sources);
        src.addAll(other.sources);
        EnumMap<SkipReason, Long> s = new EnumMap<>(skipped);
        other.skipped.forEach((r, n) -> s.merge(r, n, Long::sum));
        EnumMap<DropReason, Long> d = new EnumMap<>(dropped);
        other.dropped.forEach((r, n) -> d.merge(r, n, Long::sum));
        EnumMap<SkipReason, List<String>> e = new EnumMap<>(SkipReason.class);
        examples.forEach((r, list) -> e.put(r, new ArrayList<>(list)));
        other.examples.forEach((r, list) -> {
            List<String> target = e.computeIfAbsent(r, k -> new ArrayList<>());
            for (String m : list) {
                if (target.size() < EXAMPLES_PER_REASON) {
                    target.add(m);
                }
            }
        });
        return new ReadReport(src, rows + other.rows, accepted + other.accepted, blankLines + other.blankLines, s, d,
                e);
    }

    /** This report with {@code moreDropped} added to its dropped counts (from {@link TimelinesBuilder#dropped()}). */
    public ReadReport withDropped(Map<DropReason, Long> moreDropped) {
        EnumMap<DropReason, Long> d = new EnumMap<>(dropped);
        moreDropped.forEach((r, n) -> d.merge(r, n, Long::sum));
        return new ReadReport(sources, rows, accepted, blankLines, skipped, d, examples);
    }

    /** Rows skipped plus actions dropped: everything read that did not reach the timelines. */
    public long totalLost() {
        return totalSkipped() + totalDropped();
    }

    /** {@link #totalLost()} as a share of {@link #rows()}; 0 when nothing was read. */
    public double lostShare() {
        return rows == 0 ? 0 : (double) totalLost() / rows;
    }

    /**
     * Refuses a read that lost more than a share of its rows (skipped, or dropped as unknown items, out-of-vocabulary
     * types and duplicates): usually files that do not belong together, or the wrong format.
     *
     * @param maxShare the largest share of {@link #rows()} that may be lost, in {@code [0, 1]}
     * @throws org.pinnerformer.api.PinnerFormerException naming the sources, the share and the counts
     */
    public void requireLostAtMost(double maxShare) {
        if (!(maxShare >= 0 && maxShare <= 1)) {
            throw new IllegalArgumentException("maxShare must be in [0, 1], was " + maxShare);
        }
        if (lostShare() > maxShare) {
            throw new org.pinnerformer.api.PinnerFormerException(String.format(java.util.Locale.ROOT,
                    "%s: %d of %d rows (%.1f%%) were skipped or dropped, more than the %.1f%% allowed: %s; do the "
                            + "files belong together?", String.join(", ", sources), totalLost(), rows,
                    100 * lostShare(), 100 * maxShare, summary()));
        }
    }

    /** One line for logs: rows, accepted, and the non-zero skip and drop counts. */
    public String summary() {
        StringBuilder sb = new StringBuilder();
        sb.append(rows).append(" rows, ").append(accepted).append(" accepted");
        skipped.forEach((r, n) -> {
            if (n > 0) {
                sb.append(", ").append(n).append(" skipped (").append(r.name().toLowerCase(java.util.Locale.ROOT))
                        .append(')');
            }
        });
        dropped.forEach((r, n) -> {
            if (n > 0) {
                sb.append(", ").append(n).append(" dropped (").append(r.name().toLowerCase(java.util.Locale.ROOT))
                        .append(')');
            }
        });
        return sb.toString();
    }

    @Override
    public String toString() {
        return "ReadReport[" + summary() + "]";
    }
}
