package org.relnet.search;

import java.util.List;

/**
 * How a study chooses its trials. {@link #propose} must be a pure function of the seed, the trial
 * index and the finished results it is given: a resumed study calls it again for every trial that
 * had not finished, and must get the same config back whenever the same results are known.
 */
public interface Strategy {
    /** Number of trials the study runs over {@code space}. */
    int trials(Space space);

    /** The config of trial {@code index}, given the trials finished so far (in index order). */
    Config propose(int index, Space space, Goal goal, List<TrialResult> finished);

    /**
     * As {@link #propose(int, Space, Goal, List)}, also told the configs of trials still running
     * (parallel workers), so a model-based strategy can avoid proposing the same point twice.
     * With one worker nothing is ever running at proposal time, which keeps proposals replayable.
     */
    default Config propose(int index, Space space, Goal goal, List<TrialResult> finished, List<Config> running) {
        return propose(index, space, goal, finished);
    }

    long seed();

    /** The training length each trial is given (0: the objective decides). */
    default long budget() {
        return 0;
    }

    /** Seed for trial {@code index}'s own randomness (weights, shuffling, dropout). */
    default long trialSeed(int index) {
        return Seeds.derive(seed(), Seeds.TRIAL, index);
    }

    /** A fresh early-stopping rule for one run of a study; never stops by default. */
    default EarlyStopping earlyStopping(Goal goal) {
        return EarlyStopping.NEVER;
    }

    /** Name and settings, stored in the study's log so a resume can check it is the same study. */
    String describe();
}
