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
}
