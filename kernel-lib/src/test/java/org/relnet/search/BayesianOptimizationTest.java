package org.relnet.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BayesianOptimizationTest {
    private static final int EVALUATIONS = 15;
    private static final int SEEDS = 10;
    /** The synthetic objective's maximum, at lr = 10^-3.3. */
    private static final double OPTIMUM = Synthetic.accuracyAt(Math.pow(10, -3.3));

    @TempDir Path tmp;

    private static final Objective ONE_SHOT = (trial, ctx) -> TrialOutcome.of("accuracy", Synthetic.accuracyAt(trial.config().getDouble("lr")));

    private double bestFound(Strategy s, String name) {
        StudyResults r = Synthetic.study(tmp.resolve(name), s, ONE_SHOT).build().run();
        assertEquals(EVALUATIONS, r.trials().size());
        return r.best().orElseThrow().metric("accuracy");
    }

    @Test
    void beatsRandomSearchOnAOneDimensionalObjectiveAveragedOverSeeds() {
        double regretBo = 0, regretRandom = 0;
        for (long seed = 1; seed <= SEEDS; seed++) {
            // Same budget, same seed; BO's first 5 trials are exactly random search's first 5.
            regretBo += (OPTIMUM - bestFound(new BayesianOptimization(EVALUATIONS, seed), "bo" + seed)) / SEEDS;
            regretRandom += (OPTIMUM - bestFound(new RandomSearch(EVALUATIONS, seed), "rs" + seed)) / SEEDS;
        }
        System.out.printf("mean regret after %d evaluations over %d seeds: BO %.4f, random %.4f%n", EVALUATIONS, SEEDS, regretBo, regretRandom);
        assertTrue(regretBo < regretRandom, "BO regret " + regretBo + " vs random " + regretRandom);
    }

    @Test
    void startsWithTheSameDrawsAsRandomSearchAndIsReplayable() {
        BayesianOptimization bo = new BayesianOptimization(10, 3);
        RandomSearch rs = new RandomSearch(10, 3);
        Goal goal = Goal.maximize("accuracy");
        for (int i = 0; i < 5; i++) assertEquals(rs.propose(i, Synthetic.LR_SPACE, goal, List.of()), bo.propose(i, Synthetic.LR_SPACE, goal, List.of()));
        StudyResults r = Synthetic.study(tmp.resolve("replay"), bo, ONE_SHOT).build().run();
        // Trial 7's proposal, made again from the 7 results before it, is the same config.
        assertEquals(r.trials().get(7).config(), bo.propose(7, Synthetic.LR_SPACE, goal, r.trials().subList(0, 7)));
    }

    @Test
    void parallelProposalsAvoidTheRunningTrials() {
        BayesianOptimization bo = new BayesianOptimization(12, 4);
        Goal goal = Goal.maximize("accuracy");
        StudyResults r = Synthetic.study(tmp.resolve("seq"), new BayesianOptimization(8, 4), ONE_SHOT).build().run();
        List<TrialResult> finished = r.trials();
        Config alone = bo.propose(8, Synthetic.LR_SPACE, goal, finished, List.of());
        Config beside = bo.propose(8, Synthetic.LR_SPACE, goal, finished, List.of(alone));
        double apart = Math.abs(Synthetic.LR_SPACE.toUnit(alone)[0] - Synthetic.LR_SPACE.toUnit(beside)[0]);
        assertTrue(apart > 0.01, "second worker proposed " + beside + " next to the running " + alone);

        StudyResults parallel = Synthetic.study(tmp.resolve("par"), new BayesianOptimization(EVALUATIONS, 4), ONE_SHOT).workers(2).build().run();
        long distinct = parallel.trials().stream().map(t -> Math.round(Math.log10(t.config().getDouble("lr")) * 1000)).distinct().count();
        assertEquals(EVALUATIONS, distinct, "no two trials at the same lr (to 0.001 decades)");
    }
}
