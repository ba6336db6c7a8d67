package org.relnet.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;

class SearchChartsTest {
    @TempDir Path tmp;

    private StudyResults run(Strategy s, String name) {
        return Synthetic.study(tmp.resolve(name), s, Synthetic.curve()).build().run();
    }

    @Test
    void curvesHaveOneSeriesPerTrialColouredByLogLr() {
        StudyResults r = run(new RandomSearch(6, 1), "curves");
        XYChart chart = SearchCharts.curves(r, "accuracy", "lr");
        assertEquals(6, chart.getSeriesMap().size());
        // Lowest lr gets the dark end of the ramp, highest the light end.
        TrialResult low = r.trials().stream().min((a, b) -> Double.compare(a.config().getDouble("lr"), b.config().getDouble("lr"))).orElseThrow();
        String lowName = chart.getSeriesMap().keySet().stream().filter(k -> k.startsWith("#" + low.index() + " ")).findFirst().orElseThrow();
        Double u = Synthetic.LR_SPACE.dimension("lr").toUnit(low.config().get("lr"));
        assertEquals(SearchCharts.colour(u), chart.getSeriesMap().get(lowName).getLineColor());
        BufferedImage img = BitmapEncoder.getBufferedImage(chart);
        assertTrue(img.getWidth() > 0);
    }

    @Test
    void finalVsLrMarksTheBestRangeOnALogAxis() {
        StudyResults r = run(new RandomSearch(20, 2), "final");
        XYChart chart = SearchCharts.finalVsParam(r, "lr", "accuracy", 0.05);
        assertTrue(chart.getStyler().isXAxisLogarithmic());
        StudyResults.Range range = r.bestRange("lr", 0.05).orElseThrow();
        // The synthetic optimum is at 10^-3.3 ~ 5e-4: the best range must bracket the best trial and sit near it.
        double bestLr = r.best().orElseThrow().config().getDouble("lr");
        assertTrue(range.low() <= bestLr && bestLr <= range.high());
        assertTrue(range.low() > 1e-4 && range.high() < 2e-3, "range " + range);
        assertTrue(chart.getTitle().contains("best range"));
        BitmapEncoder.getBufferedImage(chart);
    }

    @Test
    void comparisonAveragesBestSoFarOverRuns() {
        List<StudyResults> random = List.of(run(new RandomSearch(6, 1), "r1"), run(new RandomSearch(6, 2), "r2"));
        List<StudyResults> asha = List.of(run(Asha.random(6, 1, 10, 50), "a1"), run(Asha.random(6, 2, 10, 50), "a2"));
        double[][] mean = SearchCharts.meanVsTrials(random);
        double expectedLast = (random.get(0).best().orElseThrow().metric("accuracy") + random.get(1).best().orElseThrow().metric("accuracy")) / 2;
        assertEquals(expectedLast, mean[1][5], 1e-12);
        for (int i = 1; i < 6; i++) assertTrue(mean[1][i] >= mean[1][i - 1], "best so far never decreases");
        XYChart byTrials = SearchCharts.compare(Map.of("random", random, "ASHA", asha), false);
        XYChart byCompute = SearchCharts.compare(Map.of("random", random, "ASHA", asha), true);
        assertEquals(2, byTrials.getSeriesMap().size());
        assertEquals(2, byCompute.getSeriesMap().size());
        BitmapEncoder.getBufferedImage(byCompute);
    }
}
