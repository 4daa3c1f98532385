package org.pinnerformer.cli;

import java.io.PrintWriter;
import java.util.Locale;
import org.pinnerformer.api.ProgressListener;
import org.pinnerformer.core.train.TrainingListener;
import org.pinnerformer.core.train.TrainingResult;
import org.pinnerformer.core.train.ValidationPoint;

/**
 * Progress on stderr for training (step, loss, the last validation score under its metric's name, ETA), evaluation
 * (users done per method) and the daily embedding job. On a terminal ({@link Mode#BAR}) one line is redrawn in place with a carriage return and
 * an erase-line escape at most four times a second; otherwise ({@link Mode#LINES}, e.g. stderr into a log file or a
 * pipe) no carriage return or escape code is ever written: a plain line at most every
 * {@value #LINE_INTERVAL_SECONDS} s of training and one line when each stage ends. {@code --no-progress} gives
 * {@link Mode#OFF}.
 *
 * <p>The terminal test is {@code System.console() != null}, the one Java 17 offers: it tells whether the JVM's
 * standard input and output are a terminal, not stderr itself, so {@code pinnerformer train ... 2> log} typed at a
 * terminal still draws the bar into the log; pass {@code --no-progress} there.
 */
final class ProgressBar implements TrainingListener, ProgressListener {
    private static final int WIDTH = 24;
    /** Seconds between two plain progress lines of a training run when stderr is not a terminal. */
    static final int LINE_INTERVAL_SECONDS = 30;

    /** How progress is shown. */
    enum Mode {
        /** One line redrawn in place (a terminal). */
        BAR,
        /** Plain lines now and then, never {@code \r} or escape codes (a log or a pipe). */
        LINES,
        /** Nothing. */
        OFF
    }

    private final PrintWriter err;
    private final Mode mode;
    private final boolean enabled;
    private final String metric;
    private final String bestLabel;
    private long total;
    private float loss = Float.NaN;
    private double score = Double.NaN;
    private double lastDraw = -1;
    private boolean open;

    ProgressBar(PrintWriter err, Mode mode) {
        this(err, mode, "recall@10", 1);
    }

    ProgressBar(PrintWriter err, Mode mode, String metric, int smoothing) {
        this.err = err;
        this.mode = mode;
        this.enabled = mode != Mode.OFF;
        this.metric = metric;
        this.bestLabel = bestLabel(metric, smoothing);
    }

    /**
     * Progress on {@code err} for a run validated by Recall@10: nothing with {@code --no-progress}, a bar on a
     * terminal, else plain lines.
     */
    static ProgressBar of(PrintWriter err, boolean noProgress) {
        return of(err, noProgress, "recall@10", 1);
    }

    /**
     * As {@link #of(PrintWriter, boolean)} for a run whose validation score is {@code metric} (e.g. ndcg@10) and whose
     * best score is the mean of {@code smoothing} validations ({@code TrainingLoop.Builder#smoothing}).
     */
    static ProgressBar of(PrintWriter err, boolean noProgress, String metric, int smoothing) {
        return new ProgressBar(err, noProgress ? Mode.OFF : stderrIsTerminal() ? Mode.BAR : Mode.LINES, metric,
                smoothing);
    }

    /** The name of a best validation score: {@code metric}, or {@code metric (mean of N)} when smoothed. */
    static String bestLabel(String metric, int smoothing) {
        return smoothing > 1 ? metric + " (mean of " + smoothing + ")" : metric;
    }

    /** Whether the JVM runs at a terminal, by the only test Java 17 has (see the class comment for its limit). */
    static boolean stderrIsTerminal() {
        return System.console() != null;
    }

    @Override
    public void started(long totalSteps) {
        total = totalSteps;
    }

    @Override
    public void stepped(long step, float stepLoss, double elapsedSeconds) {
        loss = stepLoss;
        double interval = mode == Mode.BAR ? 0.25 : LINE_INTERVAL_SECONDS;
        if (lastDraw < 0 && mode == Mode.LINES) {
            lastDraw = 0;
        }
        if (elapsedSeconds - lastDraw >= interval || (mode == Mode.BAR && step == total)) {
            lastDraw = elapsedSeconds;
            double eta = step == 0 ? 0 : elapsedSeconds / step * (total - step);
            draw(String.format(Locale.ROOT, "train %s %d/%d loss %.4f %s %s ETA %s", bar(step, total), step,
                    total, loss, metric, Double.isNaN(score) ? "-" : String.format(Locale.ROOT, "%.4f", score),
                    duration(eta)));
        }
    }

    @Override
    public void validated(ValidationPoint point, boolean best) {
        score = point.score();
    }

    @Override
    public void finished(TrainingResult result) {
        draw(String.format(Locale.ROOT, "train %s %d steps in %s, best validation %s %.4f at step %d",
                bar(1, 1), result.steps(), duration(result.seconds()), bestLabel, result.bestScore(),
                result.bestStep()));
        end();
    }

    @Override
    public void progress(String method, int usersDone, int usersTotal) {
        if (mode == Mode.LINES && usersDone != usersTotal) {
            return;
        }
        draw(String.format(Locale.ROOT, "evaluate %s %d/%d users %s", bar(usersDone, usersTotal), usersDone,
                usersTotal, method));
        if (usersDone == usersTotal) {
            end();
        }
    }

    /** A listener for the daily embedding job: {@code embed DAY [####....] done/total users}. */
    ProgressListener embedding() {
        return (label, done, total) -> {
            if (mode == Mode.LINES && done != total) {
                return;
            }
            draw(String.format(Locale.ROOT, "%s %s %d/%d users", label, bar(done, total), done, total));
            if (done == total) {
                end();
            }
        };
    }

    private void draw(String line) {
        if (mode == Mode.BAR) {
            err.print("\r" + line + "\u001b[K");
            err.flush();
            open = true;
        } else if (mode == Mode.LINES) {
            err.println(line);
            err.flush();
        }
    }

    private void end() {
        if (enabled && open) {
            err.println();
            err.flush();
            open = false;
        }
    }

    static String bar(long done, long total) {
        int filled = total <= 0 ? 0 : (int) Math.min(WIDTH, done * WIDTH / total);
        return "[" + "#".repeat(filled) + ".".repeat(WIDTH - filled) + "]";
    }

    static String duration(double seconds) {
        long s = Math.round(Math.max(0, seconds));
        return s >= 60 ? (s / 60) + "m" + String.format(Locale.ROOT, "%02d", s % 60) + "s" : s + "s";
    }
}
