package org.relnet.lenet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relnet.data.mnist.Mnist;
import org.relnet.data.mnist.MnistData;
import tech.tablesaw.api.Table;

class ParameterStudyTest {
    private static final MnistData DATA = Mnist.synthetic(64, 24, 9);
    private static final StudySettings TINY = StudySettings.builder().mode("test").iterations(6).evalEvery(3)
            .timingWindow(3).trainDigits(64).testDigits(24).memoryEvery(2).warmupSteps(2).progress(false).build();
    private static final List<StudyCase> CASES = List.of(new StudyCase(1, 8, 16, 0.01), new StudyCase(2, 16, 12, 0.01));

    @Test
    void returnsTimeMemoryAndAccuracyForEveryCase(@TempDir Path out) throws IOException {
        StudyResult r = new ParameterStudy(DATA, TINY.toBuilder().resultsDir(out).build()).run(CASES);

        assertFalse(r.interrupted());
        Table s = r.summary();
        assertEquals(2, s.rowCount());
        assertTrue(s.name().contains("SYNTHETIC"), s.name());
        for (int i = 0; i < 2; i++) {
            assertEquals("COMPLETED", s.stringColumn("status").get(i));
            assertEquals(6, s.intColumn("steps").get(i));
            for (String col : new String[] {"ms_per_100_iter", "rss_mb", "heap_mb", "workspace_mb", "model_mb"}) {
                double v = s.doubleColumn(col).get(i);
                assertTrue(Double.isFinite(v) && v > 0, col + " of case " + (i + 1) + " = " + v);
            }
            double acc = s.doubleColumn("final_acc").get(i);
            assertTrue(acc >= 0 && acc <= 1, "accuracy " + acc);
        }
        // test_iter covers the 24 test digits once: 2 batches of 16 (one short), 2 of 12
        assertEquals(2, s.intColumn("test_iter").get(0));
        assertEquals(2, s.intColumn("test_iter").get(1));
        // the batch-16 case works on twice the examples of the batch-8 one: more workspace memory
        assertTrue(s.doubleColumn("workspace_mb").get(1) > s.doubleColumn("workspace_mb").get(0));
        assertEquals(4, r.curves().rowCount());     // evaluations at steps 3 and 6, per case
        assertEquals(4, r.timing().rowCount());     // two 3-iteration windows per case
        assertEquals(11, r.findings().rowCount());
        assertTrue(r.accuracyChart("accuracy").getTitle().contains("SYNTHETIC"));
        // saved after every case: header + one line per case, no partial files left behind
        assertEquals(3, Files.readAllLines(out.resolve("summary.csv")).size());
        assertEquals(5, Files.readAllLines(out.resolve("curves.csv")).size());
        try (var files = Files.list(out)) {
            assertTrue(files.noneMatch(f -> f.toString().endsWith(".part")));
        }
    }

    @Test
    void interruptedStudyReturnsWhatItHasAndKeepsTheFlag() {
        Thread.currentThread().interrupt();
        try {
            StudyResult r = new ParameterStudy(DATA, TINY).run(CASES);
            assertTrue(r.interrupted());
            assertEquals(0, r.cases().size());
            assertTrue(Thread.currentThread().isInterrupted(), "the interrupt flag must stay set");
        } finally {
            Thread.interrupted();
        }
    }
}
