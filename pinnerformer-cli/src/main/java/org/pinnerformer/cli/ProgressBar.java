package org.pinnerformer.cli;

import java.io.PrintWriter;
import java.util.Locale;
import org.pinnerformer.api.ProgressListener;
import org.pinnerformer.core.train.TrainingListener;
import org.pinnerformer.core.train.TrainingResult;
import org.pinnerformer.core.train.ValidationPoint;

/**
 * A one-line progress bar on stderr for training (step, loss, last validation recall, ETA) and evaluation
 * (users done per method), redrawn in place with a carriage return at most four times a second.
 */
final class ProgressBar implements TrainingListener, ProgressListener {
    private static final int WIDTH = 24;

    private final PrintWriter err;
    private final boolean enabled;
    private long total;
    private float loss = Float.NaN;
    private double recall = Double.NaN;
    private double lastDraw = -1;
    private boolean open;

    ProgressBar(PrintWriter err, boolean enabled) {
        this.err = err;
        this.enabled = enabled;
    }

    @Override
    public void started(long totalSteps) {
        total = totalSteps;
    }

    @Override
    public void stepped(long step, float stepLoss, double elapsedSeconds) {
        loss = stepLoss;
        if (elapsedSeconds - lastDraw >= 0.25 || step == total) {
            lastDraw = elapsedSeconds;
            double eta = step == 0 ? 0 : elapsedSeconds / step * (total - step);
            draw(String.format(Locale.ROOT, "train %s %d/%d loss %.4f recall@10 %s ETA %s", bar(step, total), step,
                    total, loss, Double.isNaN(recall) ? "-" : String.format(Locale.ROOT, "%.4f", recall),
                    duration(eta)));
        }
    }

    @Override
    public void validated(ValidationPoint point, boolean best) {
        recall = point.score();
    }

    @Override
    public void finished(TrainingResult result) {
        draw(String.format(Locale.ROOT, "train %s %d steps in %s, best validation recall@10 %.4f at step %d",
                bar(1, 1), result.steps(), duration(result.seconds()), result.bestScore(), result.bestStep()));
        end();
    }

    @Override
    public void progress(String method, int usersDone, int usersTotal) {
        draw(String.format(Locale.ROOT, "evaluate %s %d/%d users %s", bar(usersDone, usersTotal), usersDone,
                usersTotal, method));
        if (usersDone == usersTotal) {
            end();
        }
    }

    /** A listener for the daily embedding job: {@code embed DAY [####....] done/total users}. */
    ProgressListener embedding() {
        return (label, done, total) -> {
            draw(String.format(Locale.ROOT, "%s %s %d/%d users", label, bar(done, total), done, total));
            if (done == total) {
                end();
            }
        };
    }

    private void draw(String line) {
        if (enabled) {
            err.print("\r" + line + "\u001b[K");
            err.flush();
            open = true;
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
