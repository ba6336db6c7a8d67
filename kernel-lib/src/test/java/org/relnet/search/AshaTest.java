package org.relnet.search;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AshaTest {
    @TempDir Path tmp;

    /** Trials of quality q report accuracy q at every step 1..budget: the ranking is known at every rung. */
    private static final Objective KNOWN_RANKING = (trial, ctx) -> {
        double q = trial.config().getDouble("q");
        for (long step = 1; step <= trial.budget(); step++) {
            if (ctx.report(step, Map.of("accuracy", q))) break;
        }
        return TrialOutcome.lastReported();
    };

    @Test
    void rungsAreGeometric() {
        assertArrayEquals(new long[] {1, 3}, new Asha(new GridSearch(), 1, 9, 3).rungs());
        assertArrayEquals(new long[] {100, 200, 400, 800}, new Asha(new GridSearch(), 100, 1000, 2).rungs());
    }

    @Test
    void promotesTheTopThirdAtEachRungAndStopsTheRest() {
        // Qualities in arrival order; rungs at steps 1 and 3, full budget 9, eta 3.
        Space space = Space.builder().choice("q", 0.5, 0.9, 0.1, 0.7, 0.3, 0.8, 0.2, 0.95, 0.4).build();
        StudyResults r = Study.builder().space(space).strategy(new Asha(new GridSearch(), 1, 9, 3)).objective(KNOWN_RANKING)
                .dir(tmp.resolve("asha")).progress(false).build().run();
        // Worked by hand with "continue iff fewer than max(1, floor(n/3)) earlier scores at the rung beat you":
        // rung 1: 0.5 (n=1) go, 0.9 (n=2) go, 0.1 stop, 0.7 (n=4, keep 1, 0.9 better) stop, 0.3 stop,
        //         0.8 (n=6, keep 2) go, 0.2 stop, 0.95 go, 0.4 (n=9, keep 3) stop;
        // rung 3: 0.5 go, 0.9 go, 0.8 (n=3, keep 1, 0.9 better) stop, 0.95 go.
        long[] expectedSteps = {9, 9, 1, 1, 1, 3, 1, 9, 1};
        for (int i = 0; i < 9; i++) {
            TrialResult t = r.trials().get(i);
            assertEquals(expectedSteps[i], t.steps(), "trial " + i + " q=" + t.config().get("q"));
            assertEquals(expectedSteps[i] == 9 ? TrialResult.Status.COMPLETED : TrialResult.Status.PRUNED, t.status(), "trial " + i);
        }
        assertEquals(0.95, r.best().orElseThrow().config().getDouble("q"));
    }

    @Test
    void spendsLessComputeThanRandomSearchAndKeepsTheBest() {
        StudyResults random = Synthetic.study(tmp.resolve("random"), new RandomSearch(27, 3), Synthetic.curve()).build().run();
        StudyResults asha = Synthetic.study(tmp.resolve("asha"), Asha.random(27, 3, 10, 50), Synthetic.curve()).build().run();
        long randomSteps = random.trials().stream().mapToLong(TrialResult::steps).sum();
        long ashaSteps = asha.trials().stream().mapToLong(TrialResult::steps).sum();
        assertTrue(ashaSteps < 0.6 * randomSteps, "ASHA " + ashaSteps + " vs random " + randomSteps + " steps");
        // Same configs (same seed); the best one is never stopped, because nobody beats it at any rung.
        TrialResult bestConfig = random.best().orElseThrow();
        assertEquals(TrialResult.Status.COMPLETED, asha.trials().get(bestConfig.index()).status());
        assertEquals(List.of(bestConfig.config()), List.of(asha.best().orElseThrow().config()));
    }
}
