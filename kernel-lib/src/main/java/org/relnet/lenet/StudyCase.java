package org.relnet.lenet;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** One row of the paper's table: train batch, test batch and base learning rate. */
public record StudyCase(int number, int trainBatch, int testBatch, double baseLr) {

    /** The nine cases of the paper (part B of papers.md), in its numbering. */
    public static List<StudyCase> paper() {
        return List.of(
                new StudyCase(1, 64, 128, 0.01),
                new StudyCase(2, 32, 64, 0.01),
                new StudyCase(3, 128, 256, 0.01),
                new StudyCase(4, 64, 128, 0.04),
                new StudyCase(5, 64, 128, 0.001),
                new StudyCase(6, 32, 64, 0.02),
                new StudyCase(7, 64, 128, 0.0025),
                new StudyCase(8, 64, 128, 0.1),
                new StudyCase(9, 32, 64, 0.005));
    }

    /** Only the batch changes (lr 0.01): the paper's batch-size comparison. */
    public static final int[] BATCH_GROUP = {1, 2, 3};
    /** Only the learning rate changes (batch 64). */
    public static final int[] LR_GROUP = {1, 4, 5, 7, 8};
    /**
     * Batch 32 at three learning rates beside the batch-64 reference: case 9 follows the
     * linear-scaling rule (half the batch, half the lr), case 2 keeps the lr, case 6 does the
     * opposite (half the batch, double the lr), the trade the paper singles out.
     */
    public static final int[] TRADE_GROUP = {1, 2, 6, 9};

    /** The cases as a table, with Caffe's test_iter under {@code settings} and the chart groups each belongs to. */
    public static Table table(List<StudyCase> cases, StudySettings settings) {
        IntColumn number = IntColumn.create("case");
        IntColumn train = IntColumn.create("train_batch");
        IntColumn test = IntColumn.create("test_batch");
        DoubleColumn lr = DoubleColumn.create("base_lr");
        IntColumn testIter = IntColumn.create("test_iter");
        StringColumn groups = StringColumn.create("groups");
        for (StudyCase c : cases) {
            number.append(c.number());
            train.append(c.trainBatch());
            test.append(c.testBatch());
            lr.append(c.baseLr());
            testIter.append(settings.testIter(c.testBatch()));
            List<String> g = new ArrayList<>();
            if (contains(BATCH_GROUP, c.number())) g.add("batch");
            if (contains(LR_GROUP, c.number())) g.add("lr");
            if (contains(TRADE_GROUP, c.number())) g.add("trade");
            groups.append(String.join(", ", g));
        }
        return Table.create("The paper's cases (" + settings.testDigits() + " test digits per evaluation)",
                number, train, test, lr, testIter, groups);
    }

    private static boolean contains(int[] group, int n) {
        for (int g : group) if (g == n) return true;
        return false;
    }

    public String label() {
        return String.format(Locale.ROOT, "case %d (batch %d, lr %s)", number, trainBatch, lr(baseLr));
    }

    static String lr(double v) {
        String s = String.format(Locale.ROOT, "%.4f", v).replaceAll("0+$", "");
        return s.endsWith(".") ? s + "0" : s;
    }
}
