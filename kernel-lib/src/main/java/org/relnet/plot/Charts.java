package org.relnet.plot;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.DoubleFunction;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.relnet.display.MimeBundle;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;

/**
 * The charts the papers show, on XChart: learning curves of one or several runs, final accuracy
 * against the learning rate on a log axis with the best range marked, and bar charts. Every method
 * returns the XChart chart (a notebook renders it inline as PNG; style it further if you like);
 * {@link #save} writes PNG or SVG files and {@link #toBundle} gives library code a displayable output.
 */
public final class Charts {
    public static final int WIDTH = 640;
    public static final int HEIGHT = 400;

    private Charts() {}

    /** One run's history: the named numeric columns (e.g. "train_acc", "test_acc") against "step". */
    public static XYChart curves(Table history, String... columns) {
        XYChart chart = xy(history.name(), "step", columns.length == 1 ? columns[0] : "");
        double[] x = column(history, "step");
        for (String c : columns) line(chart, c, x, column(history, c));
        return chart;
    }

    /** Several runs, one series per run (legend = map key), of {@code column} against "step". */
    public static XYChart compareRuns(String title, Map<String, Table> runs, String column) {
        XYChart chart = xy(title, "step", column);
        for (Map.Entry<String, Table> e : runs.entrySet()) {
            line(chart, e.getKey(), column(e.getValue(), "step"), column(e.getValue(), column));
        }
        return chart;
    }

    /**
     * Several runs coloured by a numeric value on a log scale (like the papers' curves coloured by
     * learning rate): blue for the smallest value through to red for the largest.
     *
     * @param runsByValue value (e.g. lr) -> that run's history
     */
    public static XYChart compareRunsByValue(String title, Map<Double, Table> runsByValue, String column, String valueName) {
        XYChart chart = xy(title, "step", column);
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double v : runsByValue.keySet()) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        List<Map.Entry<Double, Table>> sorted = new ArrayList<>(runsByValue.entrySet());
        sorted.sort(Map.Entry.comparingByKey());
        for (Map.Entry<Double, Table> e : sorted) {
            String name = valueName + "=" + compact(e.getKey());
            while (chart.getSeriesMap().containsKey(name)) name += "'";
            XYSeries s = line(chart, name, column(e.getValue(), "step"), column(e.getValue(), column));
            Color c = colour(logPosition(e.getKey(), lo, hi));
            s.setLineColor(c);
            s.setMarkerColor(c);
        }
        return chart;
    }

    /**
     * Final metric against a hyperparameter on a log x axis, one dot per trial, with the range
     * {@code [bestLo, bestHi]} shaded (pass NaN to leave it out), e.g. the paper's 3e-4 .. 1e-3.
     */
    public static XYChart scatterLogX(String title, double[] x, double[] y, String xLabel, String yLabel,
                                      double bestLo, double bestHi, String rangeLabel) {
        XYChart chart = xy(title, xLabel, yLabel);
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setXAxisDecimalPattern("0.0E0");
        if (!Double.isNaN(bestLo) && !Double.isNaN(bestHi)) {
            double top = 0;
            for (double v : y) if (Double.isFinite(v)) top = Math.max(top, v);
            XYSeries band = chart.addSeries(rangeLabel, new double[] {bestLo, bestHi}, new double[] {top, top});
            band.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Area);
            band.setFillColor(new Color(46, 160, 44, 60));
            band.setLineColor(new Color(46, 160, 44, 160));
            band.setMarker(SeriesMarkers.NONE);
        }
        XYSeries dots = chart.addSeries("trials", x, y);
        dots.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        dots.setMarker(SeriesMarkers.CIRCLE);
        dots.setMarkerColor(new Color(31, 119, 180));
        return chart;
    }

    /** Grouped bars: one group per category label, one bar per series. */
    public static CategoryChart bars(String title, String yLabel, List<String> categories, Map<String, double[]> series) {
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle("").yAxisTitle(yLabel).build();
        style(chart.getStyler());
        for (Map.Entry<String, double[]> e : series.entrySet()) {
            if (e.getValue().length != categories.size()) {
                throw new IllegalArgumentException("series '" + e.getKey() + "' has " + e.getValue().length
                        + " values for " + categories.size() + " categories");
            }
            List<Double> ys = new ArrayList<>();
            for (double v : e.getValue()) ys.add(v);
            chart.addSeries(e.getKey(), categories, ys);
        }
        chart.getStyler().setLegendVisible(series.size() > 1);
        return chart;
    }

    /** Renders a chart to an image. */
    public static BufferedImage toImage(Chart<?, ?> chart) {
        return BitmapEncoder.getBufferedImage(chart);
    }

    /** Several charts side by side in one image (e.g. accuracy and loss of a live training run). */
    public static BufferedImage row(Chart<?, ?>... charts) {
        List<BufferedImage> images = new ArrayList<>();
        int w = 0;
        int h = 0;
        for (Chart<?, ?> c : charts) {
            BufferedImage img = toImage(c);
            images.add(img);
            w += img.getWidth();
            h = Math.max(h, img.getHeight());
        }
        BufferedImage out = new BufferedImage(Math.max(1, w), Math.max(1, h), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, w, h);
        int x = 0;
        for (BufferedImage img : images) {
            g.drawImage(img, x, 0, null);
            x += img.getWidth();
        }
        g.dispose();
        return out;
    }

    /** PNG (with a text fallback naming the chart) for {@link org.relnet.display.Notebook#display}. */
    public static MimeBundle toBundle(Chart<?, ?> chart) {
        return MimeBundle.png(toImage(chart), "[chart: " + chart.getTitle() + "]");
    }

    /** The chart as SVG text. */
    public static String toSvg(Chart<?, ?> chart) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            VectorGraphicsEncoder.saveVectorGraphic(chart, out, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /**
     * Writes the chart to {@code path}; the extension picks the format: {@code .png} or {@code .svg}.
     * Parent folders are created. Returns the path.
     */
    public static Path save(Chart<?, ?> chart, Path path) {
        String file = path.getFileName().toString().toLowerCase(Locale.ROOT);
        try {
            if (path.getParent() != null) Files.createDirectories(path.getParent());
            try (OutputStream out = Files.newOutputStream(path)) {
                if (file.endsWith(".png")) {
                    BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG);
                } else if (file.endsWith(".svg")) {
                    VectorGraphicsEncoder.saveVectorGraphic(chart, out, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
                } else {
                    throw new IllegalArgumentException("cannot save chart as '" + path + "': use a .png or .svg file name");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not write chart to " + path, e);
        }
        return path;
    }

    // ---- shared styling -------------------------------------------------------------------------

    private static XYChart xy(String title, String xLabel, String yLabel) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle(xLabel).yAxisTitle(yLabel).build();
        style(chart.getStyler());
        chart.getStyler().setMarkerSize(4);
        return chart;
    }

    private static void style(Styler s) {
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setLegendPosition(Styler.LegendPosition.InsideSE);
        s.setLegendBackgroundColor(new Color(255, 255, 255, 200));
        s.setChartTitleBoxVisible(false);
        s.setPlotBorderVisible(true);
        s.setAntiAlias(true);
    }

    private static XYSeries line(XYChart chart, String name, double[] x, double[] y) {
        double[][] finite = finite(x, y);
        XYSeries s = chart.addSeries(name, finite[0], finite[1]);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        return s;
    }

    /** XChart cannot draw NaN/infinite points (a diverged run): drop them, keep at least one point. */
    private static double[][] finite(double[] x, double[] y) {
        int n = 0;
        for (int i = 0; i < x.length; i++) if (Double.isFinite(x[i]) && Double.isFinite(y[i])) n++;
        if (n == 0) return new double[][] {{0}, {0}};
        double[] fx = new double[n];
        double[] fy = new double[n];
        int k = 0;
        for (int i = 0; i < x.length; i++) {
            if (Double.isFinite(x[i]) && Double.isFinite(y[i])) {
                fx[k] = x[i];
                fy[k++] = y[i];
            }
        }
        return new double[][] {fx, fy};
    }

    static double[] column(Table t, String name) {
        if (!t.columnNames().contains(name)) {
            throw new IllegalArgumentException("table '" + t.name() + "' has no column '" + name + "'; columns: " + t.columnNames());
        }
        NumericColumn<?> c = t.numberColumn(name);
        double[] out = new double[c.size()];
        for (int i = 0; i < out.length; i++) out[i] = c.isMissing(i) ? Double.NaN : c.getDouble(i);
        return out;
    }

    /** Two significant digits, scientific only when needed: 1e-4, 2.5e-4, 0.001, 0.01, 64. */
    public static String compact(double v) {
        if (v == 0 || !Double.isFinite(v)) return String.valueOf(v);
        java.math.BigDecimal d = new java.math.BigDecimal(v).round(new java.math.MathContext(2)).stripTrailingZeros();
        double a = Math.abs(v);
        if (a >= 1e-3 && a < 1e5) return d.toPlainString();
        String mantissa = d.unscaledValue().abs().toString();
        int exp = d.precision() - d.scale() - 1;
        String m = mantissa.length() == 1 ? mantissa : mantissa.charAt(0) + "." + mantissa.substring(1);
        return (v < 0 ? "-" : "") + m + "e" + exp;
    }

    private static double logPosition(double v, double lo, double hi) {
        if (!(hi > lo) || lo <= 0) return 0.5;
        return (Math.log(v) - Math.log(lo)) / (Math.log(hi) - Math.log(lo));
    }

    /** Blue -> purple -> red along t in [0, 1]; distinct enough for a handful of learning rates. */
    static Color colour(double t) {
        DoubleFunction<Integer> lerp = f -> (int) Math.round(f);
        double u = Math.max(0, Math.min(1, t));
        return new Color(lerp.apply(30 + u * 200), lerp.apply(80 - 40 * Math.sin(Math.PI * u)), lerp.apply(220 - u * 190));
    }
}
