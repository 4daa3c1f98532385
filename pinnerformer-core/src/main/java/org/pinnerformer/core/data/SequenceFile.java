package org.pinnerformer.core.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.pinnerformer.api.Vocabulary;

/**
 * Loader for SASRec-style sequence files: one line per user, the user id then the user's item ids in time
 * order, separated by whitespace, without timestamps.
 *
 * <p>So that the same pipeline runs, timestamps are synthesised from the order: the k-th item (from 0) of
 * every user is at {@link #EPOCH} + k days. Time features then encode position only; "the next K days" means
 * "the next K items", and the leave-last-out protocol uses {@link TrainingPeriod#allButLast(int)}. Every
 * action has type {@value #ACTION_TYPE} (positive) and surface {@value #SURFACE}. A row of the
 * {@link ReadReport} is a line (a user), not an action; a user may appear on one line only.
 */
public final class SequenceFile {
    /** The synthetic timestamp of every user's first item: 2020-01-01T00:00:00Z, in epoch seconds. */
    public static final double EPOCH = 1_577_836_800;
    /** Seconds between consecutive synthetic timestamps: one day. */
    public static final double STEP_SECONDS = 86_400;
    /** The action type of every action. */
    public static final String ACTION_TYPE = "interact";
    /** The surface of every action. */
    public static final String SURFACE = "unknown";

    private SequenceFile() {
    }

    /** Reads a sequence file strictly. */
    public static Dataset read(Path file) {
        return read(file, ReadMode.STRICT);
    }

    /** Reads a sequence file; the catalogue holds every item of the file, by ascending id. */
    public static Dataset read(Path file, ReadMode mode) {
        ActionTable actions = new ActionTable();
        ReadReport report = read(file, mode, actions);
        return Dataset.assemble(file.getFileName().toString(), actions.itemCatalog(), actions,
                Vocabulary.of(ACTION_TYPE), Vocabulary.of(SURFACE), Set.of(ACTION_TYPE), report);
    }

    /** Appends the actions of a sequence file to {@code into}. */
    public static ReadReport read(Path file, ReadMode mode, ActionTable into) {
        String source = file.toString();
        ReadRecorder rec = new ReadRecorder(source, mode);
        int type = into.actionTypeDictionary().intern(ACTION_TYPE);
        int surface = into.surfaceDictionary().intern(SURFACE);
        try (InputStream in = Sources.open(file)) {
            DelimitedScanner sc = DelimitedScanner.whitespace(in, source, false, StandardCharsets.UTF_8);
            Map<Long, Long> lineOf = new HashMap<>();
            long[] items = new long[64];
            boolean any = false;
            while (sc.nextLine()) {
                any = true;
                rec.row();
                try {
                    sc.split();
                    long user = sc.parseLong(0);
                    int n = sc.fieldCount() - 1;
                    if (items.length < n) {
                        items = new long[Math.max(n, items.length * 2)];
                    }
                    for (int k = 0; k < n; k++) {
                        items[k] = sc.parseLong(k + 1);
                    }
                    Long first = lineOf.putIfAbsent(user, sc.lineNumber());
                    if (first != null) {
                        throw new RowProblem(SkipReason.DUPLICATE_KEY, 0,
                                "user " + user + " appears again; its sequence starts on line " + first);
                    }
                    for (int k = 0; k < n; k++) {
                        into.add(user, items[k], EPOCH + k * STEP_SECONDS, type, surface, 0f, -1);
                    }
                    rec.accepted();
                } catch (RowProblem p) {
                    rec.problem(sc.lineNumber(), p.field <= 0 ? "user" : "item " + p.field, p.reason, p.problem);
                }
            }
            if (!any) {
                throw rec.fatal(0, "", "the file is empty");
            }
            rec.blankLines(sc.blankLines());
        } catch (IOException e) {
            throw Sources.closeFailed(file, e);
        }
        return rec.report();
    }
}
