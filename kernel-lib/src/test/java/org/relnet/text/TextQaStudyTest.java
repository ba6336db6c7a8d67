package org.relnet.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relnet.search.StudyResults;
import org.relnet.search.TrialResult;
import org.relnet.train.Optimizer;
import org.relnet.train.TrainResult;

import tech.tablesaw.api.Table;

class TextQaStudyTest {
    @TempDir Path root;

    @Test
    void fullModeHasThePapersSettingsAndAsManyTrialsAsItsTable() {
        TextQaStudy babi = TextQaStudy.full(TextQaData.Corpus.BABI).build();
        TextQaStudy dialog = TextQaStudy.full(TextQaData.Corpus.DIALOG).build();
        assertEquals(10, babi.trials());
        assertEquals(9, dialog.trials());
        assertEquals(200_000, babi.modelSteps());
        assertEquals(20_000, babi.searchSteps());
        assertEquals(64, babi.batch());
        assertEquals(Optimizer.ADAM, babi.rnRun().optimizer());
        assertEquals(Optimizer.RMSPROP, babi.memN2NRun().optimizer());
        assertEquals(1e-4, babi.rnRun().schedule().base(), 1e-12);
        assertEquals(1e-4, babi.memN2NRun().schedule().base(), 1e-12);
        assertEquals(200_000, babi.memN2NRun().steps());
        TextQaStudy quick = TextQaStudy.quick(TextQaData.Corpus.BABI).build();
        assertTrue(quick.modelSteps() < babi.modelSteps() && quick.searchSteps() < babi.searchSteps() && quick.trials() < babi.trials());
        assertThrows(IllegalArgumentException.class, () -> TextQaStudy.quick(TextQaData.Corpus.BABI).trials(0).build());
    }

    @Test
    void studiesOfOtherSettingsOrDataLiveInOtherDirectories() {
        TextQaData babiData = GeneratedTask1.load(root, 60, 20);
        Path quick = TextQaStudy.quick(TextQaData.Corpus.BABI).root(root).build().withData(babiData).studyDir("s");
        Path longer = TextQaStudy.quick(TextQaData.Corpus.BABI).root(root).searchSteps(5_000).build().withData(babiData).studyDir("s");
        Path dialog = TextQaStudy.quick(TextQaData.Corpus.DIALOG).root(root).build()
                .withData(TextQaData.dialog().root(root).generatedOnly().generatedSize(60, 20).quiet().load()).studyDir("s");
        assertNotEquals(quick, longer);
        assertNotEquals(quick, dialog);
        assertTrue(quick.startsWith(root.resolve("studies")), quick.toString());
        assertThrows(IllegalArgumentException.class,
                () -> TextQaStudy.quick(TextQaData.Corpus.DIALOG).build().withData(babiData));
    }

    /** The notebook's path end to end, tiny: comparison runs, a search, and the paper tables filled from them. */
    @Test
    void tinyStudyFillsThePaperTablesWithOurNumbers() {
        TextQaStudy setup = TextQaStudy.quick(TextQaData.Corpus.BABI).root(root)
                .modelSteps(4).evalEvery(2).trainEvalExamples(16).searchSteps(4).searchEvalEvery(2).trials(2).batch(16).workers(1)
                .build().withData(GeneratedTask1.load(root, 64, 32));
        TrainResult mem = setup.trainMemN2N();
        assertEquals(TrainResult.Status.COMPLETED, mem.status());
        assertEquals(4, mem.steps());
        Table models = TextQaPaper.besideModels(mem, mem);
        assertFalse(models.doubleColumn("our_test_acc").isMissing(0));
        double acc = models.doubleColumn("our_test_acc").getDouble(0);
        assertTrue(acc >= 0 && acc <= 100, "a percentage: " + acc);
        assertEquals(Math.round(1000 * mem.finalAccuracy("test")) / 10.0, acc, 1e-9);

        StudyResults search = setup.randomSearch(1).run();
        assertEquals(2, search.trials().size());
        for (TrialResult t : search.trials()) {
            assertEquals(TrialResult.Status.COMPLETED, t.status(), String.valueOf(t.error()));
            double lr = t.config().getDouble("lr");
            assertTrue(lr >= TextQaStudy.SEARCH_LOW && lr <= TextQaStudy.SEARCH_HIGH, "lr " + lr);
            assertTrue(Double.isFinite(t.metric("accuracy")) && Double.isFinite(t.metric("test_loss")), t.finalMetrics().toString());
        }
        assertTrue(Files.isDirectory(setup.studyDir("lr-random-seed1")));
        Table beside = TextQaPaper.besideSearch(TextQaPaper.table3(), search);
        assertEquals(2, beside.rowCount() - beside.doubleColumn("our_lr").countMissing());
        // a second run reads the finished trials back instead of training again
        StudyResults again = setup.randomSearch(1).run();
        assertEquals(search.trials().get(0).finalMetrics(), again.trials().get(0).finalMetrics());
    }
}
