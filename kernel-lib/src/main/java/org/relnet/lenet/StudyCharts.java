package org.relnet.lenet;

import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.relnet.plot.Charts;
import org.relnet.train.LrSchedule;

/** Charts of the study's set-up (the results' charts are on {@link StudyResult}). */
public final class StudyCharts {
    private StudyCharts() {}

    /**
     * The inv learning rate of each distinct base rate over the paper's 1,000 iterations (or the
     * run's, if longer), log y axis.
     */
    public static XYChart schedules(List<StudyCase> cases, StudySettings settings) {
        XYChart chart = new XYChartBuilder().width(Charts.WIDTH).height(Charts.HEIGHT)
                .title("inv policy: lr(t) = base (1 + " + settings.gamma() + " t)^-" + settings.power())
                .xAxisTitle("iteration t").yAxisTitle("learning rate").build();
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideE);
        int n = Math.max(1000, settings.iterations());
        double[] x = new double[n + 1];
        for (int t = 0; t <= n; t++) x[t] = t;
        cases.stream().map(StudyCase::baseLr).distinct().sorted((a, b) -> Double.compare(b, a)).forEach(base -> {
            LrSchedule s = LrSchedule.inv(base, settings.gamma(), settings.power());
            double[] y = new double[n + 1];
            for (int t = 0; t <= n; t++) y[t] = s.valueAt(t);
            XYSeries series = chart.addSeries("base " + StudyCase.lr(base), x, y);
            series.setMarker(SeriesMarkers.NONE);
        });
        return chart;
    }
}
