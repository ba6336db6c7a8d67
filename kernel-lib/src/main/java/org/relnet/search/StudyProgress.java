package org.relnet.search;

import java.util.Collection;
import java.util.Optional;
import org.relnet.display.MimeBundle;
import org.relnet.display.Notebook;

/**
 * One line of progress per finished trial: updated in place in a notebook, printed otherwise.
 */
final class StudyProgress {
    private final boolean enabled;
    private final int total;
    private final Goal goal;
    private final long start = System.nanoTime();
    private Optional<String> displayId = Optional.empty();

    StudyProgress(boolean enabled, int total, Goal goal, int alreadyFinished) {
        this.enabled = enabled;
        this.total = total;
        this.goal = goal;
        if (enabled && alreadyFinished > 0) show("resuming: " + alreadyFinished + "/" + total + " trials already finished");
    }

    synchronized void trialFinished(TrialResult r, Collection<TrialResult> finished, int running) {
        if (!enabled) return;
        String line = String.format("trial %d/%d %s %s %s=%s (%.1f s) | best %s | %d running, %s elapsed",
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
        if (Notebook.isActive()) {
            MimeBundle b = MimeBundle.text(line);
            if (displayId.isPresent()) Notebook.update(displayId.get(), b);
            else displayId = Notebook.display(b);
        } else {
            System.out.println("[study] " + line);
        }
    }
}
