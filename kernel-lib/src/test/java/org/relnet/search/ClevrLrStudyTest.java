package org.relnet.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relnet.data.clevr.SortOfClevr;

/**
 * The quick mode's RN trial shows the papers' finding (journal Table 2, Figs 11/12): a too-small
 * learning rate has barely started learning, a too-large one fails, the best lies between.
 * Quick settings, but 200 steps and fewer images than the notebooks, to stay well under a minute.
 */
class ClevrLrStudyTest {
    @TempDir Path tmp;

    @Test
    void quickSettingsShowTooSmallAndTooLargeLearningRatesLosing() {
        ClevrLrStudy setup = ClevrLrStudy.quick().steps(200).testImages(50).workers(1).build()
                .withData(SortOfClevr.builder().images(300).imageSize(75).seed(3).showProgress(false).build().generate());
        StudyResults r = Study.builder()
                .space(Space.builder().choice("lr", 1e-6, 3e-3, 1e-1).build())
                .strategy(new GridSearch())
                .objective(setup.objective())
                .dir(tmp.resolve("lr"))
                .progress(false)
                .build().run();
        assertEquals(3, r.trials().size());
        double small = accuracy(r, 1e-6), mid = accuracy(r, 3e-3), large = accuracy(r, 1e-1);
        String seen = "lr 1e-6: " + small + ", 3e-3: " + mid + ", 1e-1: " + large;
        assertTrue(mid > small + 0.1, "lr 3e-3 beats 1e-6 clearly: " + seen);
        // a diverged run reports NaN accuracy, which also counts as doing worse
        assertTrue(Double.isNaN(large) || mid > large + 0.1, "lr 3e-3 beats 1e-1 clearly: " + seen);
        assertEquals(3e-3, r.best().orElseThrow().config().getDouble("lr"), "the best trial is the middle lr: " + seen);
    }

    private static double accuracy(StudyResults r, double lr) {
        return r.trials().stream().filter(t -> t.config().getDouble("lr") == lr).findFirst().orElseThrow().metric("accuracy");
    }
}
