package org.relnet.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Notebook 05's quick mode shows the paper's finding (journal Figs 11/12) with exactly the
 * settings of {@link ClevrLrSearch#quick()}: the trial at the search range's low end has barely
 * learned, at its high end it fails, in the middle it learns; and the random draws the notebook
 * pools over its seeds reach into both ends, so its chart shows all three.
 */
class ClevrLrSearchTest {
    @TempDir Path tmp;

    @Test
    void quickTrialLearnsInTheMiddleOfTheRangeAndNotAtItsEnds() {
        ClevrLrSearch search = ClevrLrSearch.quick();
        ClevrLrStudy trial = search.trial();
        trial.withData(trial.generator().toBuilder().showProgress(false).build().generate());
        double low = search.lowLr(), high = search.highLr();
        StudyResults r = Study.builder()
                .space(Space.builder().choice("lr", low, 1e-3, high).build())
                .strategy(new GridSearch())
                .objective(trial.objective())
                .dir(tmp.resolve("ends"))
                .workers(2).nativeThreads(1)
                .progress(false)
                .build().run();
        double atLow = accuracy(r, low), mid = accuracy(r, 1e-3), atHigh = accuracy(r, high);
        String seen = "after " + trial.steps() + " steps: lr " + low + ": " + atLow + ", 1e-3: " + mid + ", " + high + ": " + atHigh;
        System.out.println(seen);
        assertTrue(mid > atLow + 0.1, "the low end learns slowly: " + seen);
        assertTrue(Double.isNaN(atHigh) || mid > atHigh + 0.1, "the high end fails: " + seen);
    }

    @Test
    void quickRandomDrawsPooledOverSeedsReachBothEnds() {
        ClevrLrSearch search = ClevrLrSearch.quick();
        assertTrue(search.seeds().length >= 2, "several seeds");
        List<Double> lrs = new ArrayList<>();
        for (long seed : search.seeds()) {
            RandomSearch rs = search.randomSearch(seed);
            for (int i = 0; i < rs.trials(search.space()); i++) lrs.add(rs.propose(i, search.space(), Goal.maximize("accuracy"), List.of()).getDouble("lr"));
        }
        double decade = Math.log10(search.highLr() / search.lowLr()) / 4;
        double lowQuarter = search.lowLr() * Math.pow(10, decade), highQuarter = search.highLr() / Math.pow(10, decade);
        assertTrue(lrs.stream().anyMatch(lr -> lr < lowQuarter), "a draw in the lowest quarter (log scale): " + lrs);
        assertTrue(lrs.stream().anyMatch(lr -> lr > highQuarter), "a draw in the highest quarter (log scale): " + lrs);
    }

    @Test
    void strategiesGetTheSameSpaceAndComparableCompute() {
        ClevrLrSearch search = ClevrLrSearch.quick();
        Asha asha = search.asha(1);
        assertEquals(search.trial().steps(), asha.budget());
        // ASHA with eta x the trials spends about random search's steps: rungs at 1/eta^2 and 1/eta of a run.
        assertEquals(2 * search.trials(), asha.trials(search.space()));
        assertEquals(List.of(50L, 100L), java.util.Arrays.stream(asha.rungs()).boxed().toList());
        assertEquals(search.trials(), search.bayesian(1).trials(search.space()));
        // BO starts from random search's own first draws.
        for (int i = 0; i < 3; i++) {
            assertEquals(search.randomSearch(1).propose(i, search.space(), Goal.maximize("accuracy"), List.of()),
                    search.bayesian(1).propose(i, search.space(), Goal.maximize("accuracy"), List.of()));
        }
    }

    private static double accuracy(StudyResults r, double lr) {
        return r.trials().stream().filter(t -> t.config().getDouble("lr") == lr).findFirst().orElseThrow().metric("accuracy");
    }
}
