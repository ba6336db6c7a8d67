package org.relnet.text;

import java.awt.Color;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.relnet.plot.Charts;
import org.relnet.search.TrialResult;
import org.relnet.search.StudyResults;
import org.relnet.train.EvalPoint;
import org.relnet.train.TrainResult;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The RN study's text numbers (see {@code papers.md}, A2 and A3) as Tablesaw tables, and our runs
 * placed beside them: the bAbI task-1 comparison of RN and MemN2N at lr 1e-4 and the learning-rate
 * random searches of Table 3 (bAbI) and Table 4 (Dialog-based LL).
 * <pre>{@code
 * TextQaPaper.besideModels(rnRun, memRun)            // 85.0 % vs 99.4 % next to ours
 * TextQaPaper.besideSearch(TextQaPaper.table3(), results)
 * }</pre>
 */
public final class TextQaPaper {
    /** RN on bAbI task 1 at lr 1e-4 after 200,000 steps: accuracy (%) and loss. */
    public static final double RN_ACCURACY = 85.0, RN_LOSS = 0.4650;
    /** The End-to-End Memory Network baseline on bAbI task 1: accuracy (%) and loss. */
    public static final double MEMN2N_ACCURACY = 99.4, MEMN2N_LOSS = 0.0481;

    private TextQaPaper() {}

    /** Table 3: RN on bAbI task 1, lr drawn from [1e-6, 1e-2], 20,000 steps per trial. */
    public static Table table3() {
        return lrTable("Table 3 (RN, bAbI task 1, 20,000 steps)",
                new double[] {2.3025629e-3, 1.3385402e-3, 1.0048932e-3, 6.7598553e-4, 5.0953512e-4,
                        1.2238979e-4, 5.4997704e-5, 1.7392879e-5, 4.7004666e-6, 1.5096440e-6},
                new double[] {99.8, 99.7, 99.2, 99.3, 98.6, 53.0, 45.7, 42.8, 33.6, 24.1},
                new double[] {0.019473627, 0.020856153, 0.043623564, 0.028257005, 0.045940823,
                        1.0470955, 1.6162883, 1.8283777, 2.3123474, 2.2575662});
    }

    /** Table 4: RN on Dialog-based LL task 1 ("imitating an expert student"), same search. */
    public static Table table4() {
        return lrTable("Table 4 (RN, Dialog-based LL task 1, 20,000 steps)",
                new double[] {9.4494930e-3, 6.5708313e-3, 1.4750162e-3, 1.3382385e-3, 7.9919660e-5,
                        1.8820179e-5, 7.7738193e-6, 4.9804367e-6, 2.1356369e-6},
                new double[] {93.2, 98.4, 97.9, 80.8, 46.1, 46.4, 38.7, 36.6, 23.5},
                new double[] {0.3993653, 0.1106194, 0.13057047, 0.69762087, 2.0418825,
                        1.2930055, 2.0031219, 1.6149553, 2.2441258});
    }

    /** The paper's table for a corpus: Table 3 for bAbI, Table 4 for Dialog-based LL. */
    public static Table lrTable(TextQaData.Corpus corpus) {
        return corpus == TextQaData.Corpus.BABI ? table3() : table4();
    }

    private static Table lrTable(String name, double[] lr, double[] accuracy, double[] loss) {
        return Table.create(name).addColumns(DoubleColumn.create("paper_lr", lr),
                DoubleColumn.create("paper_acc", accuracy), DoubleColumn.create("paper_loss", loss));
    }

    /** The bAbI task-1 comparison at lr 1e-4 (papers.md A2). */
    public static Table models() {
        return Table.create("RN vs MemN2N on bAbI task 1 (paper)").addColumns(
                StringColumn.create("model", "RN", "MemN2N"),
                DoubleColumn.create("paper_acc", RN_ACCURACY, MEMN2N_ACCURACY),
                DoubleColumn.create("paper_loss", RN_LOSS, MEMN2N_LOSS));
    }

    /**
     * The paper's RN and MemN2N rows with our final test accuracy (%) and test loss, the steps we
     * trained and the train-subset accuracy (%) (missing when a run has no "train" eval set).
     */
    public static Table besideModels(TrainResult rn, TrainResult memN2N) {
        Table ours = runs(rn, memN2N);
        for (String c : List.of("steps", "test_acc", "test_loss", "train_acc")) ours.column(c).setName("our_" + c);
        Table t = models().addColumns(ours.column("our_steps"), ours.column("our_test_acc"), ours.column("our_test_loss"),
                ours.column("our_train_acc"));
        t.setName("RN vs MemN2N on bAbI task 1: paper beside ours");
        return t;
    }

    /**
     * Our runs' final numbers, one row per run: steps trained, test accuracy (%) and loss, and the
     * train-subset accuracy (%) (missing when a run has no "train" eval set).
     */
    public static Table runs(TrainResult... runs) {
        StringColumn name = StringColumn.create("run");
        DoubleColumn acc = DoubleColumn.create("test_acc"), loss = DoubleColumn.create("test_loss"),
                train = DoubleColumn.create("train_acc");
        IntColumn steps = IntColumn.create("steps");
        for (TrainResult r : runs) {
            name.append(r.name());
            EvalPoint last = r.last().orElse(null);
            appendPercent(acc, last == null ? Double.NaN : last.accuracy("test"));
            appendRounded(loss, last == null ? Double.NaN : last.loss("test"));
            appendPercent(train, last == null || !last.results().containsKey("train") ? Double.NaN : last.accuracy("train"));
            steps.append(r.steps());
        }
        return Table.create("our runs").addColumns(name, steps, acc, loss, train);
    }

    /**
     * The paper's random-search rows and our trials side by side, both sorted by lr from large to
     * small: row k holds the paper's k-th largest lr and our k-th largest. The trials of the two
     * searches were drawn independently, so rows pair ranks, not equal rates; missing cells where
     * one search has fewer trials. Our accuracy (%) and loss are the final test ones.
     */
    public static Table besideSearch(Table paper, StudyResults ours) {
        List<TrialResult> trials = byLrDescending(ours);
        // row order by hand: Tablesaw's sort copies the table, which trips a RoaringBitmap clash on this classpath
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < paper.rowCount(); i++) order.add(i);
        DoubleColumn lrs = paper.doubleColumn("paper_lr");
        order.sort(Comparator.comparingDouble((Integer i) -> lrs.getDouble(i)).reversed());
        int rows = Math.max(order.size(), trials.size());
        IntColumn rank = IntColumn.create("rank");
        DoubleColumn pLr = DoubleColumn.create("paper_lr"), pAcc = DoubleColumn.create("paper_acc"),
                pLoss = DoubleColumn.create("paper_loss"), oLr = DoubleColumn.create("our_lr"),
                oAcc = DoubleColumn.create("our_acc"), oLoss = DoubleColumn.create("our_loss");
        for (int i = 0; i < rows; i++) {
            rank.append(i + 1);
            int row = i < order.size() ? order.get(i) : -1;
            append(pLr, row < 0 ? Double.NaN : lrs.getDouble(row));
            append(pAcc, row < 0 ? Double.NaN : paper.doubleColumn("paper_acc").getDouble(row));
            append(pLoss, row < 0 ? Double.NaN : paper.doubleColumn("paper_loss").getDouble(row));
            TrialResult r = i < trials.size() ? trials.get(i) : null;
            append(oLr, r == null ? Double.NaN : r.config().getDouble("lr"));
            appendPercent(oAcc, r == null ? Double.NaN : r.metric("accuracy"));
            appendRounded(oLoss, r == null ? Double.NaN : r.metric("test_loss"));
        }
        return Table.create(paper.name() + " beside ours").addColumns(rank, pLr, pAcc, pLoss, oLr, oAcc, oLoss);
    }

    /**
     * Mean accuracy (%) per decade of the learning rate, the paper's and ours, so that two searches
     * whose draws differ can still be compared band by band. Decades without trials are missing.
     */
    public static Table byDecade(Table paper, StudyResults ours) {
        StringColumn band = StringColumn.create("lr_decade");
        IntColumn paperN = IntColumn.create("paper_trials"), ourN = IntColumn.create("our_trials");
        DoubleColumn paperAcc = DoubleColumn.create("paper_mean_acc"), ourAcc = DoubleColumn.create("our_mean_acc");
        for (int e = -3; e >= -6; e--) {
            double lo = Math.pow(10, e), hi = Math.pow(10, e + 1);
            band.append(String.format(Locale.ROOT, "[1e%d, 1e%d)", e, e + 1));
            double sum = 0;
            int n = 0;
            for (int i = 0; i < paper.rowCount(); i++) {
                double lr = paper.doubleColumn("paper_lr").getDouble(i);
                if (lr >= lo && lr < hi) {
                    sum += paper.doubleColumn("paper_acc").getDouble(i);
                    n++;
                }
            }
            paperN.append(n);
            append(paperAcc, n == 0 ? Double.NaN : Math.round(10 * sum / n) / 10.0);
            sum = 0;
            n = 0;
            for (TrialResult r : ours.trials()) {
                double lr = r.config().getDouble("lr"), acc = r.metric("accuracy");
                if (lr >= lo && lr < hi && Double.isFinite(acc)) {
                    sum += acc;
                    n++;
                }
            }
            ourN.append(n);
            append(ourAcc, n == 0 ? Double.NaN : Math.round(1000 * sum / n) / 10.0);
        }
        return Table.create("mean accuracy by lr decade").addColumns(band, paperN, paperAcc, ourN, ourAcc);
    }

    /** Final test accuracy (%) against lr on a log axis: the paper's trials and ours as two series. */
    public static XYChart chart(Table paper, StudyResults ours) {
        XYChart chart = new XYChartBuilder().width(Charts.WIDTH).height(Charts.HEIGHT)
                .title(paper.name() + " and ours").xAxisTitle("initial learning rate").yAxisTitle("test accuracy (%)").build();
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setXAxisDecimalPattern("0.0E0");
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setYAxisMax(100.0);
        scatter(chart, "paper", paper.doubleColumn("paper_lr").asDoubleArray(),
                paper.doubleColumn("paper_acc").asDoubleArray(), new Color(214, 39, 40), SeriesMarkers.DIAMOND);
        List<TrialResult> trials = new ArrayList<>();
        for (TrialResult r : byLrDescending(ours)) if (Double.isFinite(r.metric("accuracy"))) trials.add(r);
        double[] x = new double[trials.size()], y = new double[trials.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = trials.get(i).config().getDouble("lr");
            y[i] = 100 * trials.get(i).metric("accuracy");
        }
        if (x.length > 0) scatter(chart, "ours", x, y, new Color(31, 119, 180), SeriesMarkers.CIRCLE);
        return chart;
    }

    private static void scatter(XYChart chart, String name, double[] x, double[] y, Color color,
                                org.knowm.xchart.style.markers.Marker marker) {
        XYSeries s = chart.addSeries(name, x, y);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        s.setMarker(marker);
        s.setMarkerColor(color);
    }

    private static List<TrialResult> byLrDescending(StudyResults ours) {
        List<TrialResult> trials = new ArrayList<>(ours.trials());
        trials.sort(Comparator.comparingDouble((TrialResult r) -> r.config().getDouble("lr")).reversed());
        return trials;
    }

    private static void append(DoubleColumn c, double v) {
        if (Double.isNaN(v)) c.appendMissing();
        else c.append(v);
    }

    private static void appendPercent(DoubleColumn c, double fraction) {
        append(c, Double.isNaN(fraction) ? Double.NaN : Math.round(1000 * fraction) / 10.0);
    }

    private static void appendRounded(DoubleColumn c, double v) {
        append(c, Double.isNaN(v) ? Double.NaN : Math.round(10000 * v) / 10000.0);
    }
}
