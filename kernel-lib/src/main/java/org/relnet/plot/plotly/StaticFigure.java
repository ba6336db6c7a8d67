package org.relnet.plot.plotly;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.Histogram;
import org.knowm.xchart.PieChart;
import org.knowm.xchart.PieChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * A still picture of a Plotly JSON figure drawn with XChart: what viewers that run no scripts
 * (GitHub, e-mailed HTML, nbconvert with scripts blocked) show instead of the interactive chart.
 * Covers the trace types the notebooks use (scatter/line, bar, histogram, pie, heatmap); any other
 * type gets a labelled placeholder rather than a wrong picture.
 */
final class StaticFigure {
    static final int DEFAULT_WIDTH = 700;
    static final int DEFAULT_HEIGHT = 450;

    private StaticFigure() {}

    static BufferedImage render(JsonNode figure) {
        JsonNode layout = figure.path("layout");
        int width = layout.path("width").asInt(DEFAULT_WIDTH);
        int height = layout.path("height").asInt(DEFAULT_HEIGHT);
        JsonNode data = figure.path("data");
        String type = data.size() == 0 ? "scatter" : data.get(0).path("type").asText("scatter");
        Chart<?, ?> chart = switch (type) {
            case "scatter", "scattergl" -> xy(data, layout, width, height);
            case "bar", "histogram" -> category(data, layout, width, height);
            case "pie" -> pie(data.get(0), layout, width, height);
            case "heatmap" -> heatmap(data.get(0), layout, width, height);
            default -> null;
        };
        return chart == null ? placeholder(type, title(layout), width, height) : BitmapEncoder.getBufferedImage(chart);
    }

    private static XYChart xy(JsonNode data, JsonNode layout, int w, int h) {
        XYChart chart = new XYChartBuilder().width(w).height(h).title(title(layout))
                .xAxisTitle(axisTitle(layout, "xaxis")).yAxisTitle(axisTitle(layout, "yaxis")).build();
        chart.getStyler().setLegendVisible(data.size() > 1);
        for (int i = 0; i < data.size(); i++) {
            JsonNode t = data.get(i);
            if (!t.path("type").asText("scatter").startsWith("scatter")) continue;
            double[] y = numbers(t.path("y"));
            double[] x = t.has("x") && isNumeric(t.path("x")) ? numbers(t.path("x")) : indices(y.length);
            XYSeries s = chart.addSeries(seriesName(t, i), x, y);
            String mode = t.path("mode").asText("lines");
            s.setXYSeriesRenderStyle(mode.contains("lines") ? XYSeries.XYSeriesRenderStyle.Line : XYSeries.XYSeriesRenderStyle.Scatter);
            if (!mode.contains("markers")) s.setMarker(SeriesMarkers.NONE);
        }
        return chart;
    }

    private static CategoryChart category(JsonNode data, JsonNode layout, int w, int h) {
        CategoryChart chart = new CategoryChartBuilder().width(w).height(h).title(title(layout))
                .xAxisTitle(axisTitle(layout, "xaxis")).yAxisTitle(axisTitle(layout, "yaxis")).build();
        chart.getStyler().setLegendVisible(data.size() > 1);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        for (int i = 0; i < data.size(); i++) {
            JsonNode t = data.get(i);
            String type = t.path("type").asText();
            if (type.equals("histogram")) {
                double[] values = numbers(t.path("x"));
                List<Double> finite = new ArrayList<>();
                for (double v : values) if (Double.isFinite(v)) finite.add(v);
                if (finite.isEmpty()) continue;
                int bins = t.path("nbinsx").asInt(0);  // 0 means "choose for me", as in Plotly
                if (bins <= 0) bins = (int) Math.ceil(Math.sqrt(finite.size()));
                Histogram hist = new Histogram(finite, Math.max(1, bins));
                List<String> centers = new ArrayList<>();
                for (double c : hist.getxAxisData()) centers.add(String.format("%.3g", c));
                chart.addSeries(seriesName(t, i), centers, hist.getyAxisData());
                chart.getStyler().setAvailableSpaceFill(0.96);
                chart.getStyler().setXAxisLabelRotation(45);
            } else if (type.equals("bar")) {
                boolean horizontal = "h".equals(t.path("orientation").asText());
                JsonNode cats = horizontal ? t.path("y") : t.path("x");
                JsonNode vals = horizontal ? t.path("x") : t.path("y");
                List<String> labels = new ArrayList<>();
                for (JsonNode c : cats) labels.add(c.asText());
                List<Double> ys = new ArrayList<>();
                for (double v : numbers(vals)) ys.add(Double.isFinite(v) ? v : 0.0);
                chart.addSeries(seriesName(t, i), labels, ys);
            }
        }
        return chart;
    }

    private static PieChart pie(JsonNode trace, JsonNode layout, int w, int h) {
        PieChart chart = new PieChartBuilder().width(w).height(h).title(title(layout)).build();
        JsonNode labels = trace.path("labels");
        double[] values = numbers(trace.path("values"));
        for (int i = 0; i < values.length; i++) {
            chart.addSeries(i < labels.size() ? labels.get(i).asText() : "#" + i, Double.isFinite(values[i]) ? values[i] : 0);
        }
        return chart;
    }

    private static HeatMapChart heatmap(JsonNode trace, JsonNode layout, int w, int h) {
        HeatMapChart chart = new HeatMapChartBuilder().width(w).height(h).title(title(layout))
                .xAxisTitle(axisTitle(layout, "xaxis")).yAxisTitle(axisTitle(layout, "yaxis")).build();
        JsonNode z = trace.path("z");
        int rows = z.size();
        int cols = rows == 0 ? 0 : z.get(0).size();
        List<Object> xs = labels(trace.path("x"), cols);
        List<Object> ys = labels(trace.path("y"), rows);
        List<Number[]> cells = new ArrayList<>();
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) cells.add(new Number[] {c, r, z.get(r).path(c).asDouble(0)});
        }
        chart.addSeries(seriesName(trace, 0), xs, ys, cells);
        return chart;
    }

    private static BufferedImage placeholder(String type, String title, int w, int h) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, w, h);
        g.setColor(Color.DARK_GRAY);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        g.drawString(title.isEmpty() ? "Interactive chart" : title, 20, 40);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
        g.drawString("Plotly '" + type + "' chart: no static preview; open the notebook in JupyterLab to see it.", 20, 70);
        g.dispose();
        return img;
    }

    private static String title(JsonNode layout) {
        JsonNode t = layout.path("title");
        return t.isObject() ? t.path("text").asText("") : t.asText("");
    }

    private static String axisTitle(JsonNode layout, String axis) {
        JsonNode t = layout.path(axis).path("title");
        return t.isObject() ? t.path("text").asText("") : t.asText("");
    }

    private static String seriesName(JsonNode trace, int i) {
        String n = trace.path("name").asText("");
        return n.isBlank() ? "trace " + i : n;
    }

    private static boolean isNumeric(JsonNode array) {
        for (JsonNode v : array) if (!v.isNumber() && !v.isNull()) return false;
        return true;
    }

    private static double[] numbers(JsonNode array) {
        double[] out = new double[array.size()];
        for (int i = 0; i < out.length; i++) {
            JsonNode v = array.get(i);
            out[i] = v.isNumber() ? v.doubleValue() : v.isTextual() ? parse(v.asText()) : Double.NaN;
        }
        return out;
    }

    private static double parse(String s) {
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    private static double[] indices(int n) {
        double[] out = new double[n];
        for (int i = 0; i < n; i++) out[i] = i;
        return out;
    }

    private static List<Object> labels(JsonNode array, int n) {
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < n; i++) out.add(i < array.size() ? array.get(i).asText() : i);
        return out;
    }
}
