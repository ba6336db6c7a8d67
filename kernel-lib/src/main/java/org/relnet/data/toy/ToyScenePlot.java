package org.relnet.data.toy;

import java.awt.Color;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Draws one {@link ToyScenes} scene: each object a dot in its colour, the queried one ringed. */
public final class ToyScenePlot {
    private static final Color[] PALETTE = {
        new Color(214, 39, 40), new Color(31, 119, 180), new Color(44, 160, 44), new Color(255, 127, 14),
        new Color(188, 189, 34), new Color(127, 127, 127), new Color(148, 103, 189), new Color(140, 86, 75),
        new Color(227, 119, 194), new Color(23, 190, 207)};

    private ToyScenePlot() {}

    /** Colour used for colour index {@code c} (cycles after 10). */
    public static Color colour(int c) {
        return PALETTE[c % PALETTE.length];
    }

    public static XYChart scene(ToyScenes data, int index) {
        INDArray o = data.objects().get(org.nd4j.linalg.indexing.NDArrayIndex.point(index));
        INDArray q = data.questions().getRow(index);
        int n = data.objectCount();
        int queried = -1;
        for (int c = 0; c < n; c++) if (q.getFloat(c) > 0.5f) queried = c;
        boolean relational = q.getFloat(n + ToyScenes.RELATIONAL) > 0.5f;
        String question = relational ? "how many left of colour " + queried + "?"
                : "colour " + queried + " left or right half?";
        XYChart chart = new XYChartBuilder().width(480).height(460)
                .title("scene " + index + ": " + question + "  answer: " + data.answerName(data.answerIndices()[index]))
                .xAxisTitle("x").yAxisTitle("y").build();
        chart.getStyler().setXAxisMin(0.0).setXAxisMax(1.0).setYAxisMin(0.0).setYAxisMax(1.0);
        chart.getStyler().setMarkerSize(16).setLegendVisible(false).setChartBackgroundColor(Color.WHITE);
        for (int i = 0; i < n; i++) {
            int c = 0;
            for (int k = 0; k < n; k++) if (o.getFloat(i, k) > 0.5f) c = k;
            double x = o.getDouble(i, n);
            double y = o.getDouble(i, n + 1);
            XYSeries s = chart.addSeries("object " + i + " (colour " + c + ")", new double[] {x}, new double[] {y});
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            s.setMarker(c == queried ? SeriesMarkers.DIAMOND : SeriesMarkers.CIRCLE);
            s.setMarkerColor(colour(c));
        }
        return chart;
    }
}
