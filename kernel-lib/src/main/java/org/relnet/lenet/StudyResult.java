package org.relnet.lenet;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.Styler;
import org.relnet.plot.Charts;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The study's measurements as Tablesaw tables and XChart charts like the paper's Figs 2-7. Every
 * table name and chart title carries the data source, so a synthetic run can never pass for MNIST.
 */
public final class StudyResult {
    private final String source;
    private final boolean real;
    private final StudySettings settings;
    private final List<CaseResult> cases;
    private final boolean interrupted;

    StudyResult(String source, boolean real, StudySettings settings, List<CaseResult> cases, boolean interrupted) {
        this.source = source;
        this.real = real;
        this.settings = settings;
        this.cases = List.copyOf(cases);
        this.interrupted = interrupted;
    }

    /** Where the digits came from (real MNIST or the labelled synthetic stand-in). */
    public String source() { return source; }
    public boolean isRealMnist() { return real; }
    public StudySettings settings() { return settings; }
    public List<CaseResult> cases() { return cases; }
    /** True when the run was interrupted before every case finished. */
    public boolean interrupted() { return interrupted; }

    public Optional<CaseResult> find(int caseNumber) {
        return cases.stream().filter(c -> c.studyCase().number() == caseNumber).findFirst();
    }

    /** A short tag for titles: "MNIST" or "SYNTHETIC digits, not MNIST". */
    public String tag() {
        return (real ? "MNIST" : "SYNTHETIC digits, not MNIST") + ", " + settings.mode() + " mode";
    }

    /** One row per case: settings, how it ended, accuracy, time and memory figures. */
    public Table summary() {
        // The settings columns (case .. test_iter) are StudyCase's own table, so the two always agree.
        Table t = StudyCase.table(cases.stream().map(CaseResult::studyCase).toList(), settings)
                .removeColumns("groups")
                .setName("LeNet parameter study — " + source + " — " + settings.mode() + " mode");
        StringColumn status = StringColumn.create("status");
        IntColumn steps = IntColumn.create("steps");
        DoubleColumn finalAcc = DoubleColumn.create("final_acc");
        DoubleColumn bestAcc = DoubleColumn.create("best_acc");
        DoubleColumn ms = DoubleColumn.create("ms_per_100_iter");
        DoubleColumn rss = DoubleColumn.create("rss_mb");
        DoubleColumn rssGrowth = DoubleColumn.create("rss_growth_mb");
        DoubleColumn heap = DoubleColumn.create("heap_mb");
        DoubleColumn ws = DoubleColumn.create("workspace_mb");
        DoubleColumn javacpp = DoubleColumn.create("javacpp_mb");
        DoubleColumn model = DoubleColumn.create("model_mb");
        for (CaseResult r : cases) {
            status.append(r.status());
            steps.append(r.steps());
            finalAcc.append(round(r.finalAccuracy(), 4));
            bestAcc.append(round(r.bestAccuracy(), 4));
            ms.append(round(r.msPer100(), 1));
            rss.append(round(r.rssMb(), 1));
            rssGrowth.append(round(r.rssGrowthMb(), 1));
            heap.append(round(r.heapMb(), 1));
            ws.append(round(r.workspaceMb(), 2));
            javacpp.append(round(r.javacppMb(), 2));
            model.append(round(r.modelMb(), 2));
        }
        return t.addColumns(status, steps, finalAcc, bestAcc, ms, rss, rssGrowth, heap, ws, javacpp, model);
    }

    /** Long format: one row per case and evaluation (case, step, lr, train_loss, test_loss, test_acc). */
    public Table curves() {
        Table t = Table.create("LeNet accuracy per evaluation — " + source);
        IntColumn number = IntColumn.create("case");
        IntColumn step = IntColumn.create("step");
        DoubleColumn lr = DoubleColumn.create("lr");
        DoubleColumn trainLoss = DoubleColumn.create("train_loss");
        DoubleColumn testLoss = DoubleColumn.create("test_loss");
        DoubleColumn testAcc = DoubleColumn.create("test_acc");
        for (CaseResult r : cases) {
            Table h = r.history();
            for (int i = 0; i < h.rowCount(); i++) {
                number.append(r.studyCase().number());
                step.append(h.intColumn("step").get(i));
                lr.append(h.doubleColumn("lr").get(i));
                trainLoss.append(round(h.doubleColumn("loss").get(i), 4));
                testLoss.append(round(h.doubleColumn("test_loss").get(i), 4));
                testAcc.append(round(h.doubleColumn("test_acc").get(i), 4));
            }
        }
        t.addColumns(number, step, lr, trainLoss, testLoss, testAcc);
        return t;
    }

    /** Long format: one row per case and timing window (case, window_end_step, ms_per_100_iter). */
    public Table timing() {
        Table t = Table.create("LeNet time per 100 iterations — " + source);
        IntColumn number = IntColumn.create("case");
        IntColumn end = IntColumn.create("window_end_step");
        DoubleColumn ms = DoubleColumn.create("ms_per_100_iter");
        for (CaseResult r : cases) {
            double[] w = r.msPer100Windows();
            for (int i = 0; i < w.length; i++) {
                number.append(r.studyCase().number());
                end.append(Math.min(r.steps(), (i + 1) * settings.timingWindow()));
                ms.append(round(w[i], 1));
            }
        }
        t.addColumns(number, end, ms);
        return t;
    }

    /** Test accuracy against iteration for the given cases (all when none given): Figs 2, 4, 5, 6. */
    public XYChart accuracyChart(String title, int... caseNumbers) {
        Map<String, Table> runs = new LinkedHashMap<>();
        for (CaseResult r : select(caseNumbers)) runs.put(shortName(r.studyCase()), curveWithDivergence(r));
        XYChart chart = Charts.compareRuns(title + " — " + tag(), runs, "test_acc");
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setYAxisMax(1.0);
        chart.setXAxisTitle("iteration");
        chart.setYAxisTitle("test accuracy");
        return chart;
    }

    /** Mean time per 100 training iterations per case (Fig 3). */
    public CategoryChart timeChart() {
        Map<String, double[]> series = new LinkedHashMap<>();
        series.put("s / 100 iterations", cases.stream().mapToDouble(r -> r.msPer100() / 1000).toArray());
        CategoryChart chart = Charts.bars("Time per 100 iterations — " + tag(), "seconds per 100 iterations", caseNames(), series);
        chart.getStyler().setYAxisDecimalPattern("#,##0.0");
        return styleCases(chart);
    }

    /** Mean memory per case (Fig 7): process resident bytes, JVM heap, ND4J workspaces. */
    public CategoryChart memoryChart() {
        Map<String, double[]> series = new LinkedHashMap<>();
        series.put("process RSS", cases.stream().mapToDouble(CaseResult::rssMb).toArray());
        series.put("JVM heap", cases.stream().mapToDouble(CaseResult::heapMb).toArray());
        series.put("ND4J workspaces", cases.stream().mapToDouble(CaseResult::workspaceMb).toArray());
        CategoryChart chart = Charts.bars("Mean memory per case — " + tag(), "MB", caseNames(), series);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        chart.getStyler().setYAxisDecimalPattern("#,##0");
        return styleCases(chart);
    }

    /** The paper's findings beside ours; see {@link PaperFindings}. */
    public Table findings() {
        return PaperFindings.compare(this);
    }

    /** Tables are for reading: a few decimals, NaN kept (a missing figure must stay visibly missing). */
    private static double round(double v, int decimals) {
        if (!Double.isFinite(v)) return v;
        double f = Math.pow(10, decimals);
        return Math.round(v * f) / f;
    }

    /** "3: 128/0.01" = case 3, train batch 128, base lr 0.01. */
    private static String shortName(StudyCase c) {
        return c.number() + ": " + c.trainBatch() + "/" + StudyCase.lr(c.baseLr());
    }

    private List<String> caseNames() {
        List<String> names = new ArrayList<>();
        for (CaseResult r : cases) names.add(shortName(r.studyCase()));
        return names;
    }

    private static CategoryChart styleCases(CategoryChart chart) {
        chart.setXAxisTitle("case: train batch / base lr");
        chart.getStyler().setXAxisLabelRotation(45);
        return chart;
    }

    private List<CaseResult> select(int... numbers) {
        if (numbers.length == 0) return cases;
        List<CaseResult> out = new ArrayList<>();
        for (int n : numbers) find(n).ifPresent(out::add);
        return out;
    }

    /** A diverged run has no evaluations after it blew up: show its accuracy at the step it stopped. */
    private static Table curveWithDivergence(CaseResult r) {
        IntColumn step = IntColumn.create("step");
        DoubleColumn acc = DoubleColumn.create("test_acc");
        Table h = r.history();
        for (int i = 0; i < h.rowCount(); i++) {
            step.append(h.intColumn("step").get(i));
            acc.append(h.doubleColumn("test_acc").get(i));
        }
        if (r.diverged() && Double.isFinite(r.accuracyAfterDivergence())) {
            step.append(r.steps());
            acc.append(r.accuracyAfterDivergence());
        }
        return Table.create(r.studyCase().label(), step, acc);
    }

    @Override
    public String toString() {
        return "StudyResult[" + cases.size() + " cases, " + source + ", " + settings.mode() + " mode"
                + (interrupted ? ", INTERRUPTED" : "") + "]";
    }
}
