package org.relnet.search;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import org.relnet.display.MimeBundle;
import org.relnet.display.Notebook;

/**
 * One line of progress: after every finished trial, and while trials run (at most every second in
 * a notebook, where the line is updated in place; every 15 s as printed text), so a study of long
 * trials never looks stuck.
 */
final class StudyProgress {
    private final boolean enabled;
    private final int total;
    private final Goal goal;
    private final long start = System.nanoTime();
    private Optional<String> displayId = Optional.empty();
    private long lastShown = System.nanoTime();
    private int finishedCount;
    private String bestSoFar = "-";

    StudyProgress(boolean enabled, int total, Goal goal, int alreadyFinished) {
        this.enabled = enabled;
        this.total = total;
        this.goal = goal;
        this.finishedCount = alreadyFinished;
        if (enabled && alreadyFinished > 0) show("resuming: " + alreadyFinished + "/" + total + " trials already finished");
    }

    /** Called on every report of a running trial; shows what the running trials are doing, throttled. */
    synchronized void trialsRunning(Supplier<String> running) {
        long interval = Notebook.isActive() ? 1_000_000_000L : 15_000_000_000L;
        if (!enabled || System.nanoTime() - lastShown < interval) return;
        show(String.format(Locale.ROOT, "%d/%d trials finished | running: %s | best %s | %s elapsed", finishedCount, total, running.get(), bestSoFar, elapsed()));
    }

    synchronized void trialFinished(TrialResult r, Collection<TrialResult> finished, int running) {
        finishedCount = finished.size();
        bestSoFar = best(finished);
        if (!enabled) return;
        String line = String.format(Locale.ROOT, "trial %d/%d %s %s %s=%s (%.1f s) | best %s | %d running, %s elapsed",
                finished.size(), total, r.status(), r.config(), goal.metric(), Config.format(r.metric(goal.metric())),
                r.wallMillis() / 1000.0, best(finished), running, elapsed());
        show(line);
    }

    synchronized void interrupted(int finished) {
        if (enabled) show("interrupted: " + finished + "/" + total + " trials finished and saved; run again to resume");
    }

    synchronized void finished(Collection<TrialResult> finished) {
        if (enabled) show("done: " + finished.size() + "/" + total + " trials in " + elapsed() + " | best " + best(finished));
    }

    private String best(Collection<TrialResult> finished) {
        return StudyResults.best(finished, goal)
                .map(b -> goal.metric() + "=" + Config.format(b.metric(goal.metric())) + " at " + b.config())
                .orElse("-");
    }

    private String elapsed() {
        long s = (System.nanoTime() - start) / 1_000_000_000L;
        return s >= 60 ? (s / 60) + " min " + (s % 60) + " s" : s + " s";
    }

    private void show(String line) {
        lastShown = System.nanoTime();
        if (Notebook.isActive()) {
            MimeBundle b = MimeBundle.text(line);
            if (displayId.isPresent()) Notebook.update(displayId.get(), b);
            else displayId = Notebook.display(b);
        } else {
            System.out.println("[study] " + line);
        }
    }
}
