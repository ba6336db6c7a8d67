package org.relnet.search;

import java.nio.file.Path;
import java.util.Map;

/** What a running trial can tell the study, and learn from it. Safe to call from the trial's thread. */
public interface TrialContext {
    /** The trial's seed (same as {@code trial.seed()}); use it for every random choice of the run. */
    long seed();

    /**
     * Records metrics measured at a training step (or budget unit). These form the trial's curves;
     * early-stopping strategies decide on them.
     *
     * @return true when the trial should stop now: it was early-stopped, or the study is being interrupted
     */
    boolean report(long step, Map<String, Double> metrics);

    /** True when the trial should stop now (see {@link #report}). */
    boolean shouldStop();

    /**
     * A directory only this trial uses (e.g. for training checkpoints), created on first call. It
     * survives a crash, so a re-run of the trial may resume from what it finds there; the study
     * deletes it once the trial's result is saved.
     */
    Path workDir();
}
