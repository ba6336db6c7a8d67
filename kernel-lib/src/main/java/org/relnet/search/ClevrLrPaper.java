package org.relnet.search;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

/**
 * The papers' Sort-of-CLEVR learning-rate numbers (see {@code papers.md}, A1) as Tablesaw tables,
 * and a study's results placed beside them row by row (matched on lr and batch).
 */
public final class ClevrLrPaper {
    private ClevrLrPaper() {}

    /** Journal Table 2: RN test accuracy (%) after 200,000 steps, by lr and batch. */
    public static Table table2() {
        return Table.create("journal Table 2 (RN on pixels, 200,000 steps)").addColumns(
                DoubleColumn.create("lr", 1e-2, 1e-2, 1e-2, 1e-3, 1e-3, 1e-3, 1e-4, 1e-4, 1e-4),
                IntColumn.create("batch", 64, 128, 256, 64, 128, 256, 64, 128, 256),
                DoubleColumn.create("paper_non_rel", 51.7, 50.5, 96.3, 95.4, 89.2, 94.6, 61.6, 56.8, 58.8),
                DoubleColumn.create("paper_rel", 24.1, 24.4, 28.6, 70.9, 67.0, 70.7, 41.4, 38.5, 38.8),
                DoubleColumn.create("paper_avg", 40.7, 40.1, 69.4, 85.6, 80.3, 85.0, 53.6, 49.5, 50.8));
    }

    /** The short paper's batch table (20 epochs; relational 87-90 % at batch 64, lr 1e-4, shown as 88.5). */
    public static Table shortPaper() {
        return Table.create("short paper (RN, 20 epochs)").addColumns(
                DoubleColumn.create("lr", 1e-4, 1e-3, 1e-2, 1e-4, 1e-3),
                IntColumn.create("batch", 64, 64, 64, 128, 128),
                DoubleColumn.create("paper_non_rel", 99, 100, 15, 99, 100),
                DoubleColumn.create("paper_rel", 88.5, 93, 31, 84, 88));
    }

    /**
     * {@code paper}'s rows with our final test accuracies (%) of the trial with the same lr and
     * batch ({@code batch} defaults to 64 when the study has no batch dimension); missing if none.
     */
    public static Table beside(Table paper, StudyResults ours) {
        Table t = paper.copy().setName(paper.name() + " beside ours"); // a copy: the caller's table stays as it was
        DoubleColumn nonRel = DoubleColumn.create("our_non_rel"), rel = DoubleColumn.create("our_rel"), avg = DoubleColumn.create("our_avg");
        for (int i = 0; i < t.rowCount(); i++) {
            double lr = t.doubleColumn("lr").getDouble(i);
            int batch = t.intColumn("batch").getInt(i);
            TrialResult match = ours.trials().stream()
                    .filter(r -> Math.abs(r.config().getDouble("lr") / lr - 1) < 1e-9)
                    .filter(r -> batchOf(r.config()) == batch)
                    .findFirst().orElse(null);
            append(nonRel, match, "test_acc_non_relational");
            append(rel, match, "test_acc_relational");
            append(avg, match, "accuracy");
        }
        return t.addColumns(nonRel, rel, avg);
    }

    private static int batchOf(Config c) {
        return c.names().contains("batch") ? ((Number) c.get("batch")).intValue() : 64;
    }

    private static void append(DoubleColumn col, TrialResult r, String metric) {
        double v = r == null ? Double.NaN : r.metric(metric);
        if (Double.isNaN(v)) col.appendMissing();
        else col.append(Math.round(1000 * v) / 10.0);
    }
}
