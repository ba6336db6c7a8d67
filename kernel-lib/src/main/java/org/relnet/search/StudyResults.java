package org.relnet.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.text.FieldPosition;
import java.text.NumberFormat;
import java.text.ParsePosition;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;
import tech.tablesaw.columns.numbers.NumberColumnFormatter;

/**
 * The finished trials of a study, in trial order, as tables for looking at and charting.
 * {@link #interrupted()} says whether the run was stopped before its end.
 */
public final class StudyResults {
    private static final int TABLE_ROWS_SHOWN = 30;

    private final Space space;
    private final Goal goal;
    private final String strategy;
    private final List<TrialResult> trials;
    private final boolean interrupted;
    private final List<String> warnings;

    StudyResults(Space space, Goal goal, String strategy, List<TrialResult> trials, boolean interrupted, List<String> warnings) {
        this.space = space;
        this.goal = goal;
        this.strategy = strategy;
        List<TrialResult> sorted = new ArrayList<>(trials);
        sorted.sort(Comparator.comparingInt(TrialResult::index));
        this.trials = List.copyOf(sorted);
        this.interrupted = interrupted;
        this.warnings = List.copyOf(warnings);
    }

    /** Reads the results a study left in {@code dir}, without running anything. */
    public static StudyResults load(Path dir, Space space, Goal goal) {
        try {
            return new StudyResults(space, goal, "loaded from " + dir, TrialLog.read(dir.resolve(TrialLog.FILE), space), false, List.of());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read study results in " + dir, e);
        }
    }

    /**
     * The trials of several runs of the same space and goal (e.g. one study per seed) as one
     * result, renumbered in order, for charts over all of them. Trials stopped early by ASHA are
     * left out unless {@code withPruned}: their final metrics come from fewer steps.
     */
    public static StudyResults pool(List<StudyResults> runs, boolean withPruned) {
        if (runs.isEmpty()) throw new IllegalArgumentException("nothing to pool");
        StudyResults first = runs.get(0);
        List<TrialResult> all = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (StudyResults r : runs) {
            if (!r.space.equals(first.space) || !r.goal.equals(first.goal)) {
                throw new IllegalArgumentException("cannot pool studies of different spaces or goals: " + first.strategy + " and " + r.strategy);
            }
            names.add(r.strategy);
            for (TrialResult t : r.trials) {
                if (t.status() == TrialResult.Status.PRUNED && !withPruned) continue;
                all.add(new TrialResult(all.size(), t.status(), t.config(), t.seed(), t.budget(), t.curve(), t.finalMetrics(), t.wallMillis(),
                        t.peakHeapBytes(), t.peakOffHeapBytes(), t.peakPhysicalBytes(), t.error()));
            }
        }
        return new StudyResults(first.space, first.goal, "pooled: " + String.join(" + ", names), all,
                runs.stream().anyMatch(StudyResults::interrupted), List.of());
    }

    public List<TrialResult> trials() {
        return trials;
    }

    public Space space() {
        return space;
    }

    public Goal goal() {
        return goal;
    }

    public String strategy() {
        return strategy;
    }

    /** True when the run was interrupted; running the study again resumes it. */
    public boolean interrupted() {
        return interrupted;
    }

    /** Problems found in the log when the study was opened (e.g. an incomplete last line). */
    public List<String> warnings() {
        return warnings;
    }

    public Optional<TrialResult> best() {
        return best(trials, goal);
    }

    static Optional<TrialResult> best(Collection<TrialResult> trials, Goal goal) {
        return trials.stream()
                .filter(t -> t.status() != TrialResult.Status.FAILED && !Double.isNaN(t.metric(goal.metric())))
                .max(Comparator.comparingDouble((TrialResult t) -> goal.score(t.metric(goal.metric())))
                        .thenComparing(Comparator.comparingInt(TrialResult::index).reversed()));
    }

    /** Range of a numeric parameter over the trials whose final goal metric is within {@code tolerance} of the best. */
    public Optional<Range> bestRange(String param, double tolerance) {
        Optional<TrialResult> best = best();
        if (best.isEmpty()) return Optional.empty();
        double bestScore = goal.score(best.get().metric(goal.metric()));
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (TrialResult t : trials) {
            if (t.status() == TrialResult.Status.FAILED || goal.score(t.metric(goal.metric())) < bestScore - tolerance) continue;
            double v = t.config().getDouble(param);
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        return Optional.of(new Range(lo, hi));
    }

    public record Range(double low, double high) {
        @Override public String toString() {
            return Config.format(low) + " .. " + Config.format(high);
        }
    }

    /** One row per trial: trial, status, parameters, seed, final metrics, steps, wall time, peak memory (MB). */
    public Table table() {
        IntColumn trial = IntColumn.create("trial");
        StringColumn status = StringColumn.create("status");
        List<Column<?>> params = new ArrayList<>();
        for (Dimension d : space.dimensions()) params.add(paramColumn(d));
        LongColumn seed = LongColumn.create("seed");
        Set<String> metricNames = new LinkedHashSet<>();
        for (TrialResult t : trials) metricNames.addAll(t.finalMetrics().keySet());
        List<DoubleColumn> metrics = new ArrayList<>();
        List<String> metricKeys = new ArrayList<>(metricNames);
        // A metric named like a parameter (the Trainer reports the scheduled "lr") gets a suffix: a table's names must differ.
        for (String m : metricKeys) metrics.add(readable(DoubleColumn.create(space.dimensions().stream().anyMatch(d -> d.name().equals(m)) ? m + "_final" : m)));
        LongColumn steps = LongColumn.create("steps");
        DoubleColumn wall = printed(DoubleColumn.create("wall_s"), "0.0");
        DoubleColumn heap = printed(DoubleColumn.create("peak_heap_mb"), "0");
        DoubleColumn offHeap = printed(DoubleColumn.create("peak_offheap_mb"), "0");
        DoubleColumn rss = printed(DoubleColumn.create("peak_rss_mb"), "0");
        for (TrialResult t : trials) {
            trial.append(t.index());
            status.append(t.status().name());
            for (int i = 0; i < params.size(); i++) appendParam(params.get(i), t.config().get(space.dimensions().get(i).name()));
            seed.append(t.seed());
            for (int i = 0; i < metrics.size(); i++) metrics.get(i).append(t.metric(metricKeys.get(i)));
            steps.append(t.steps());
            wall.append(t.wallMillis() / 1000.0);
            appendMb(heap, t.peakHeapBytes());
            appendMb(offHeap, t.peakOffHeapBytes());
            appendMb(rss, t.peakPhysicalBytes());
        }
        Table table = Table.create("trials").addColumns(trial, status);
        params.forEach(table::addColumns);
        table.addColumns(seed);
        metrics.forEach(table::addColumns);
        return table.addColumns(steps, wall, heap, offHeap, rss);
    }

    /** Long format curves: one row per (trial, step, metric). Join with {@link #table()} on "trial". */
    public Table curves() {
        IntColumn trial = IntColumn.create("trial");
        LongColumn step = LongColumn.create("step");
        StringColumn metric = StringColumn.create("metric");
        DoubleColumn value = DoubleColumn.create("value");
        for (TrialResult t : trials) {
            for (CurvePoint p : t.curve()) {
                for (Map.Entry<String, Double> e : p.metrics().entrySet()) {
                    trial.append(t.index());
                    step.append(p.step());
                    metric.append(e.getKey());
                    value.append(e.getValue());
                }
            }
        }
        return Table.create("curves").addColumns(trial, step, metric, value);
    }

    /**
     * Best goal metric found after each trial (in trial order) and the compute spent so far
     * (cumulative training steps, and wall seconds): the axes of a strategy comparison.
     */
    public Table bestSoFar() {
        IntColumn n = IntColumn.create("trials");
        LongColumn compute = LongColumn.create("steps");
        DoubleColumn wall = DoubleColumn.create("wall_s");
        DoubleColumn best = DoubleColumn.create("best_" + goal.metric());
        long steps = 0;
        double seconds = 0;
        double bestScore = Double.NEGATIVE_INFINITY;
        double bestValue = Double.NaN;
        int count = 0;
        for (TrialResult t : trials) {
            count++;
            steps += t.steps();
            seconds += t.wallMillis() / 1000.0;
            double v = t.metric(goal.metric());
            if (t.status() != TrialResult.Status.FAILED && !Double.isNaN(v) && goal.score(v) > bestScore) {
                bestScore = goal.score(v);
                bestValue = v;
            }
            n.append(count);
            compute.append(steps);
            wall.append(seconds);
            best.append(bestValue);
        }
        return Table.create("best so far").addColumns(n, compute, wall, best);
    }

    private static Column<?> paramColumn(Dimension d) {
        if (d instanceof Dimension.IntRange) return IntColumn.create(d.name());
        if (d instanceof Dimension.Choice c) {
            if (c.values().stream().allMatch(v -> v instanceof Integer)) return IntColumn.create(d.name());
            if (c.values().stream().allMatch(v -> v instanceof Number)) return readable(DoubleColumn.create(d.name()));
            if (c.values().stream().allMatch(v -> v instanceof Boolean)) return BooleanColumn.create(d.name());
            return StringColumn.create(d.name());
        }
        return readable(DoubleColumn.create(d.name()));
    }

    private static void appendParam(Column<?> col, Object v) {
        if (col instanceof IntColumn c) c.append((Integer) v);
        else if (col instanceof DoubleColumn c) c.append(((Number) v).doubleValue());
        else if (col instanceof BooleanColumn c) c.append((Boolean) v);
        else ((StringColumn) col).append(String.valueOf(v));
    }

    /** How the column prints (the values keep full precision): Tablesaw prints every digit otherwise. */
    private static DoubleColumn printed(DoubleColumn col, String pattern) {
        return printed(col, new DecimalFormat(pattern, DecimalFormatSymbols.getInstance(Locale.ROOT)));
    }

    private static DoubleColumn printed(DoubleColumn col, NumberFormat format) {
        col.setPrintFormatter(new NumberColumnFormatter(format));
        return col;
    }

    /** Printed like {@link Config#format}: 3.20e-04 for a learning rate, 0.9123 for an accuracy. */
    private static DoubleColumn readable(DoubleColumn col) {
        return printed(col, new NumberFormat() {
            @Override public StringBuffer format(double v, StringBuffer to, FieldPosition pos) {
                return to.append(Config.format(v));
            }

            @Override public StringBuffer format(long v, StringBuffer to, FieldPosition pos) {
                return to.append(v);
            }

            @Override public Number parse(String text, ParsePosition pos) {
                throw new UnsupportedOperationException("print-only format");
            }
        });
    }

    private static void appendMb(DoubleColumn col, long bytes) {
        if (bytes < 0) col.appendMissing();
        else col.append(bytes / (1024.0 * 1024.0));
    }

    @Override public String toString() {
        String head = trials.size() + " trials" + (interrupted ? " (interrupted; run again to resume)" : "") + ", " + strategy;
        return head + best().map(b -> "\nbest: trial " + b.index() + " " + b.config() + " " + goal.metric() + "=" + Config.format(b.metric(goal.metric()))).orElse("")
                + "\n" + table().print(TABLE_ROWS_SHOWN);
    }
}
