package org.relnet.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relnet.search.GridSearch;
import org.relnet.search.Space;
import org.relnet.search.Study;
import org.relnet.search.StudyResults;
import org.relnet.search.TrialOutcome;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;

class TextQaPaperTest {
    @TempDir Path tmp;

    @Test
    void tablesHoldThePapersRowsInsideTheSearchRange() {
        Table t3 = TextQaPaper.table3(), t4 = TextQaPaper.table4();
        assertEquals(10, t3.rowCount());
        assertEquals(9, t4.rowCount());
        assertEquals(2.3025629e-3, t3.doubleColumn("paper_lr").getDouble(0));
        assertEquals(99.8, t3.doubleColumn("paper_acc").getDouble(0));
        assertEquals(24.1, t3.doubleColumn("paper_acc").getDouble(9));
        assertEquals(2.2441258, t4.doubleColumn("paper_loss").getDouble(8));
        for (Table t : new Table[] {t3, t4}) {
            for (double lr : t.doubleColumn("paper_lr").asDoubleArray()) {
                assertTrue(lr >= TextQaStudy.SEARCH_LOW && lr <= TextQaStudy.SEARCH_HIGH, t.name() + ": lr " + lr);
            }
        }
        assertEquals(t3.name(), TextQaPaper.lrTable(TextQaData.Corpus.BABI).name());
        assertEquals(t4.name(), TextQaPaper.lrTable(TextQaData.Corpus.DIALOG).name());
        assertEquals(99.4, TextQaPaper.models().doubleColumn("paper_acc").getDouble(1));
    }

    /** A study with known outcomes (no training): accuracy and test loss are functions of lr. */
    private StudyResults known(double... lrs) {
        Object[] values = new Object[lrs.length];
        for (int i = 0; i < lrs.length; i++) values[i] = lrs[i];
        return Study.builder().space(Space.builder().choice("lr", values).build()).strategy(new GridSearch())
                .objective((trial, ctx) -> {
                    double lr = trial.config().getDouble("lr");
                    return TrialOutcome.of(Map.of("accuracy", lr > 1e-4 ? 0.9 : 0.25, "test_loss", lr > 1e-4 ? 0.1 : 2.0));
                })
                .dir(tmp.resolve("study")).progress(false).build().run();
    }

    @Test
    void searchRowsArePairedByRankLargestRateFirst() {
        StudyResults ours = known(1e-5, 3e-3, 2e-4);
        Table t = TextQaPaper.besideSearch(TextQaPaper.table3(), ours);
        assertEquals(10, t.rowCount(), "as many rows as the longer search");
        DoubleColumn ourLr = t.doubleColumn("our_lr");
        assertEquals(3e-3, ourLr.getDouble(0));
        assertEquals(2e-4, ourLr.getDouble(1));
        assertEquals(1e-5, ourLr.getDouble(2));
        assertEquals(90.0, t.doubleColumn("our_acc").getDouble(0));
        assertEquals(25.0, t.doubleColumn("our_acc").getDouble(2));
        assertEquals(2.0, t.doubleColumn("our_loss").getDouble(2));
        assertEquals(7, ourLr.countMissing(), "rows past our last trial are empty");
        assertEquals(2.3025629e-3, t.doubleColumn("paper_lr").getDouble(0));
        assertEquals(1.5096440e-6, t.doubleColumn("paper_lr").getDouble(9));
    }

    @Test
    void paperRowsAreSortedEvenWhenTheTableIsNot() {
        // Table 4 lists 9.45e-3 before 6.57e-3 but 1.48e-3 before 1.34e-3: already descending; reverse it to check the sort
        Table t4 = TextQaPaper.table4();
        Table reversed = Table.create("reversed").addColumns(
                DoubleColumn.create("paper_lr", reverse(t4.doubleColumn("paper_lr").asDoubleArray())),
                DoubleColumn.create("paper_acc", reverse(t4.doubleColumn("paper_acc").asDoubleArray())),
                DoubleColumn.create("paper_loss", reverse(t4.doubleColumn("paper_loss").asDoubleArray())));
        Table t = TextQaPaper.besideSearch(reversed, known(1e-3));
        assertEquals(9.4494930e-3, t.doubleColumn("paper_lr").getDouble(0));
        assertEquals(93.2, t.doubleColumn("paper_acc").getDouble(0), "accuracy stays with its lr");
        assertEquals(2.1356369e-6, t.doubleColumn("paper_lr").getDouble(8));
    }

    @Test
    void decadesAverageEachSearchSeparately() {
        Table t = TextQaPaper.byDecade(TextQaPaper.table3(), known(1e-5, 3e-3, 5e-3, 2e-4));
        assertEquals("[1e-3, 1e-2)", t.stringColumn("lr_decade").get(0));
        assertEquals(3, t.intColumn("paper_trials").getInt(0));
        assertEquals(99.6, t.doubleColumn("paper_mean_acc").getDouble(0), 1e-9); // (99.8 + 99.7 + 99.2) / 3
        assertEquals(2, t.intColumn("our_trials").getInt(0));
        assertEquals(90.0, t.doubleColumn("our_mean_acc").getDouble(0), 1e-9);
        assertEquals(1, t.intColumn("our_trials").getInt(1));
        assertEquals(0, t.intColumn("our_trials").getInt(3), "no trial of ours below 1e-5");
        assertTrue(t.doubleColumn("our_mean_acc").isMissing(3));
        assertEquals(2, t.intColumn("paper_trials").getInt(3)); // 4.7e-6 and 1.5e-6
    }

    @Test
    void chartHasThePapersAndOurTrials() {
        var chart = TextQaPaper.chart(TextQaPaper.table3(), known(1e-5, 3e-3));
        assertEquals(10, chart.getSeriesMap().get("paper").getXData().length);
        assertEquals(2, chart.getSeriesMap().get("ours").getXData().length);
    }

    private static double[] reverse(double[] a) {
        double[] r = new double[a.length];
        for (int i = 0; i < a.length; i++) r[i] = a[a.length - 1 - i];
        return r;
    }
}
