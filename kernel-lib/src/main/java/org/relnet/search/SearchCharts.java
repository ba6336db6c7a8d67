package org.relnet.search;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.relnet.plot.Charts;
import tech.tablesaw.api.Table;

/**
 * The study charts of the papers' Figs 9-12 and the strategy comparison, one method per chart,
 * drawn from a study's results (the general chart helpers are in {@link Charts}). Each returns an
 * XChart chart; a notebook shows it as its cell's value.
 */
public final class SearchCharts {
    private SearchCharts() {}

    /** {@code metric} against step for every trial, coloured by {@code param} (blue: low, yellow: high; log scale for lr). */
    public static XYChart curves(StudyResults results, String metric, String param) {
        XYChart chart = chart(metric + " during training, coloured by " + param, "step", metric);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        Dimension dim = results.space().dimension(param);
        for (TrialResult t : results.trials()) {
            List<Double> x = new ArrayList<>(), y = new ArrayList<>();
            for (CurvePoint p : t.curve()) {
                Double v = p.metrics().get(metric);
                if (v != null && Double.isFinite(v)) {
                    x.add((double) p.step());
                    y.add(v);
                }
            }
            if (x.isEmpty()) continue;
            Object value = t.config().get(param);
            XYSeries s = chart.addSeries("#" + t.index() + " " + param + "=" + Config.format(value), x, y);
            s.setMarker(SeriesMarkers.NONE);
            s.setLineStyle(SeriesLines.SOLID);
            s.setLineColor(colour(dim.toUnit(value)));
        }
        return chart;
    }

    /**
     * Final {@code metric} against {@code param} (log axis for log-scaled dimensions), with the
     * range of trials within {@code tolerance} of the best shaded (drawn by {@link Charts#scatterLogX}).
     */
    public static XYChart finalVsParam(StudyResults results, String param, String metric, double tolerance) {
        List<Double> x = new ArrayList<>(), y = new ArrayList<>();
        for (TrialResult t : results.trials()) {
            double v = t.metric(metric);
            if (Double.isFinite(v)) {
                x.add(t.config().getDouble(param));
                y.add(v);
            }
        }
        Optional<StudyResults.Range> range = results.bestRange(param, tolerance);
        XYChart chart = Charts.scatterLogX("final " + metric + " vs " + param + range.map(r -> " (best range " + r + ")").orElse(""),
                x.stream().mapToDouble(Double::doubleValue).toArray(), y.stream().mapToDouble(Double::doubleValue).toArray(),
                param, metric, range.map(StudyResults.Range::low).orElse(Double.NaN), range.map(StudyResults.Range::high).orElse(Double.NaN),
                "within " + Config.format(tolerance) + " of best");
        if (!results.space().dimension(param).logScale()) {
            chart.getStyler().setXAxisLogarithmic(false);
            chart.getStyler().setXAxisDecimalPattern(null);
        }
        return chart;
    }

    /**
     * Mean best-so-far of each strategy's studies (e.g. one per seed): against the number of
     * trials, or against compute (cumulative training steps) when {@code vsCompute}.
     */
    public static XYChart compare(Map<String, List<StudyResults>> byStrategy, boolean vsCompute) {
        String metric = byStrategy.values().iterator().next().get(0).goal().metric();
        XYChart chart = chart("best " + metric + " found", vsCompute ? "training steps spent" : "trials", "best " + metric + " (mean over runs)");
        for (Map.Entry<String, List<StudyResults>> e : byStrategy.entrySet()) {
            double[][] xy = vsCompute ? meanVsCompute(e.getValue()) : meanVsTrials(e.getValue());
            if (xy[0].length > 0) chart.addSeries(e.getKey(), xy[0], xy[1]).setMarker(SeriesMarkers.NONE);
        }
        return chart;
    }

    static double[][] meanVsTrials(List<StudyResults> runs) {
        int n = runs.stream().mapToInt(r -> r.trials().size()).min().orElse(0);
        double[] x = new double[n], y = new double[n];
        for (StudyResults r : runs) {
            Table t = r.bestSoFar();
            for (int i = 0; i < n; i++) y[i] += t.doubleColumn(3).getDouble(i) / runs.size();
        }
        for (int i = 0; i < n; i++) x[i] = i + 1;
        return new double[][] {x, y};
    }

    // Runs spend compute at different rates (ASHA stops trials early), so their step functions are
    // sampled on a common grid, up to the compute the cheapest run spent in total.
    static double[][] meanVsCompute(List<StudyResults> runs) {
        List<Table> tables = new ArrayList<>();
        long max = Long.MAX_VALUE;
        for (StudyResults r : runs) {
            Table t = r.bestSoFar();
            tables.add(t);
            max = Math.min(max, t.rowCount() == 0 ? 0 : t.longColumn("steps").getLong(t.rowCount() - 1));
        }
        int points = 100;
        List<Double> xs = new ArrayList<>(), ys = new ArrayList<>();
        for (int k = 1; k <= points && max > 0; k++) {
            double c = (double) max * k / points;
            double sum = 0;
            boolean all = true;
            for (Table t : tables) {
                double v = Double.NaN;
                for (int i = 0; i < t.rowCount() && t.longColumn("steps").getLong(i) <= c; i++) v = t.doubleColumn(3).getDouble(i);
                if (Double.isNaN(v)) all = false;
                sum += v;
            }
            if (all) {
                xs.add(c);
                ys.add(sum / runs.size());
            }
        }
        return new double[][] {xs.stream().mapToDouble(Double::doubleValue).toArray(), ys.stream().mapToDouble(Double::doubleValue).toArray()};
    }

    private static XYChart chart(String title, String x, String y) {
        return new XYChartBuilder().width(Charts.WIDTH).height(Charts.HEIGHT).title(title).xAxisTitle(x).yAxisTitle(y).build();
    }

    /** A perceptual blue-to-yellow ramp (viridis end points and middle) at position u in [0, 1]. */
    static Color colour(double u) {
        float[][] stops = {{68, 1, 84}, {33, 145, 140}, {253, 231, 37}};
        double p = Math.max(0, Math.min(1, u)) * (stops.length - 1);
        int i = Math.min(stops.length - 2, (int) p);
        double f = p - i;
        return new Color((int) (stops[i][0] + f * (stops[i + 1][0] - stops[i][0])),
                (int) (stops[i][1] + f * (stops[i + 1][1] - stops[i][1])),
                (int) (stops[i][2] + f * (stops[i + 1][2] - stops[i][2])));
    }
}
