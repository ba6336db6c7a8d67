package org.relnet.search;

/**
 * The function a study optimises: one training run per trial. Implementations report metrics as
 * they go through the context (so ASHA can stop poor trials early), check
 * {@link TrialContext#shouldStop()} or the thread's interrupt flag between steps, and return
 * their final metrics. An exception marks the trial FAILED (recorded, not retried).
 */
@FunctionalInterface
public interface Objective {
    TrialOutcome run(Trial trial, TrialContext ctx) throws Exception;
}
