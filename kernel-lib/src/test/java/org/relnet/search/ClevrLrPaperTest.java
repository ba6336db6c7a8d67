package org.relnet.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

class ClevrLrPaperTest {
    @TempDir Path tmp;

    @Test
    void besideMatchesRowsOnLrAndBatchAndLeavesThePaperTableAlone() {
        Space space = Space.builder().choice("lr", 1e-3, 1e-4).choice("batch", 64).build();
        Objective objective = (trial, ctx) -> TrialOutcome.of(Map.of(
                "test_acc_non_relational", trial.config().getDouble("lr") * 900,
                "test_acc_relational", 0.5));
        StudyResults ours = Study.builder().space(space).strategy(new GridSearch()).objective(objective)
                .dir(tmp.resolve("grid")).progress(false).build().run();
        Table paper = ClevrLrPaper.table2();
        List<String> paperColumns = paper.columnNames();

        Table t = ClevrLrPaper.beside(paper, ours);

        assertEquals(paperColumns, paper.columnNames(), "the paper's table is not changed");
        assertEquals(paper.rowCount(), t.rowCount());
        for (int i = 0; i < t.rowCount(); i++) {
            double lr = t.doubleColumn("lr").getDouble(i);
            boolean ran = t.intColumn("batch").getInt(i) == 64 && (lr == 1e-3 || lr == 1e-4);
            assertEquals(ran, !t.doubleColumn("our_rel").isMissing(i), "row " + i);
            if (ran) {
                assertEquals(Math.round(1000 * lr * 900) / 10.0, t.doubleColumn("our_non_rel").getDouble(i), 1e-9);
                assertEquals(50.0, t.doubleColumn("our_rel").getDouble(i), 1e-9);
            }
        }
        assertTrue(t.columnNames().containsAll(paperColumns));
    }
}
