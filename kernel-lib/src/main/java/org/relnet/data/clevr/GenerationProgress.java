package org.relnet.data.clevr;

import java.util.Optional;
import org.relnet.display.MimeBundle;
import org.relnet.display.Notebook;

/**
 * Progress of a long generation: a line updated in place in a notebook, else a plain line on
 * stdout every few seconds. Silent for runs that finish within the first interval (tests).
 */
final class GenerationProgress {
    private static final long INTERVAL_NANOS = 2_000_000_000L;

    private final String label;
    private final long total;
    private final boolean enabled;
    private final long start = System.nanoTime();
    private long lastShown = start;
    private Optional<String> displayId = Optional.empty();
    private boolean shown;

    GenerationProgress(String label, long total, boolean enabled) {
        this.label = label;
        this.total = total;
        this.enabled = enabled;
    }

    void update(long done) {
        long now = System.nanoTime();
        if (!enabled || now - lastShown < INTERVAL_NANOS) return;
        lastShown = now;
        show(done, now);
    }

    void finish(long done) {
        if (enabled && shown) show(done, System.nanoTime());
    }

    private void show(long done, long now) {
        double seconds = (now - start) / 1e9;
        String text = String.format("%s: %d/%d images (%.0f%%), %.0f images/s, %.0f s", label, done, total,
                100.0 * done / Math.max(1, total), done / Math.max(seconds, 1e-9), seconds);
        if (Notebook.isActive()) {
            MimeBundle bundle = MimeBundle.text(text);
            if (displayId.isPresent()) Notebook.update(displayId.get(), bundle);
            else displayId = Notebook.display(bundle);
        } else {
            System.out.println(text);
        }
        shown = true;
    }
}
