package org.vae4j.cli;

import java.io.PrintStream;
import java.util.function.LongConsumer;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.vae4j.train.EpochMetrics;
import org.vae4j.train.TrainingListener;

/**
 * A progress bar per epoch on stderr, showing the running loss, and one summary line per epoch on
 * stdout. Outside a terminal (a pipe, a CI log) there is no bar, only the summary lines.
 */
final class ProgressListener implements TrainingListener {

    private final int epochs;
    private final PrintStream err;
    private final java.io.PrintWriter out;
    private ProgressBar bar;

    ProgressListener(int epochs, PrintStream err, java.io.PrintWriter out) {
        this.epochs = epochs;
        this.err = err;
        this.out = out;
    }

    /** A bar for other long work (evaluation), or null outside a terminal. */
    static ProgressBar bar(String task, long max, PrintStream err) {
        if (System.console() == null) {
            return null;
        }
        return new ProgressBarBuilder().setTaskName(task).setInitialMax(max)
                .setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK).setUpdateIntervalMillis(200)
                .setConsumer(new ConsoleProgressBarConsumer(err)).continuousUpdate().build();
    }

    /**
     * Moves {@code bar} to the count it is given (nothing when there is no bar): the progress callback
     * of every long computation a command runs.
     */
    static LongConsumer stepTo(ProgressBar bar) {
        return done -> {
            if (bar != null) {
                bar.stepTo(done);
            }
        };
    }

    @Override
    public void onEpochStart(int epoch, int steps) {
        bar = bar("epoch " + epoch + "/" + epochs, steps, err);
    }

    @Override
    public void onStep(int epoch, int step, double loss) {
        if (bar == null) {
            return;
        }
        bar.stepTo(step);
        if (step % 20 == 0) {
            bar.setExtraMessage(String.format(" loss %.2f", loss));
        }
    }

    @Override
    public void onEpochEnd(EpochMetrics m) {
        if (bar != null) {
            bar.close();
        }
        out.printf("epoch %d/%d  %.2f s  train loss %.3f  test loss %.3f (recon %.3f, KL %.3f) nats%n",
                m.epoch(), epochs, m.seconds(), m.trainLoss(), m.testLoss(), m.testRecon(), m.testKl());
        out.flush();
    }
}
