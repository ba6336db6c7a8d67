package org.relnet.search;

/**
 * Decides, from the reports of all trials, whether a trial should stop now. Called from worker
 * threads, so implementations synchronise. On resume the study replays the curves of finished
 * trials in index order through {@link #report}, so the rule sees what it saw before the crash.
 */
public interface EarlyStopping {
    /**
     * @param score the goal's score at {@code step} (higher is better, see {@link Goal#score})
     * @return true when trial {@code trial} should stop
     */
    boolean report(int trial, long step, double score);

    EarlyStopping NEVER = (trial, step, score) -> false;
}
