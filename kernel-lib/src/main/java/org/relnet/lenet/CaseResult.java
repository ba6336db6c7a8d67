package org.relnet.lenet;

import tech.tablesaw.api.Table;

/**
 * What one case measured: how training ended, its evaluation history (the shared trainer's table:
 * step, epoch, lr, loss, test_loss, test_acc, wall_s), time per 100 iterations per window, and
 * memory means over the samples. Bytes are reported in MB (10^6 bytes).
 */
public record CaseResult(
        StudyCase studyCase,
        String status,
        String message,
        int steps,
        int testIter,
        Table history,
        double accuracyAfterDivergence,
        double[] msPer100Windows,
        int memorySamples,
        double heapMb,
        double rssMb,
        double rssGrowthMb,
        double javacppMb,
        double workspaceMb,
        double peakWorkspaceMb,
        double modelMb) {

    public boolean diverged() {
        return "DIVERGED".equals(status);
    }

    /** Mean over the windows of milliseconds per 100 training iterations (evaluation excluded). */
    public double msPer100() {
        double s = 0;
        for (double v : msPer100Windows) s += v;
        return msPer100Windows.length == 0 ? Double.NaN : s / msPer100Windows.length;
    }

    /** Test accuracy at the last evaluation; for a diverged run, the diverged model's accuracy. */
    public double finalAccuracy() {
        if (diverged()) return accuracyAfterDivergence;
        return history.rowCount() == 0 ? Double.NaN : history.doubleColumn("test_acc").get(history.rowCount() - 1);
    }

    /** Best test accuracy seen at any evaluation. */
    public double bestAccuracy() {
        double best = Double.NaN;
        for (int i = 0; i < history.rowCount(); i++) {
            double v = history.doubleColumn("test_acc").get(i);
            if (Double.isNaN(best) || v > best) best = v;
        }
        return best;
    }

    /** Test accuracy evaluated at exactly {@code step}, NaN if there was none. */
    public double accuracyAt(int step) {
        for (int i = 0; i < history.rowCount(); i++) {
            if (history.intColumn("step").get(i) == step) return history.doubleColumn("test_acc").get(i);
        }
        return Double.NaN;
    }
}
