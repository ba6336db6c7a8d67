package org.relnet.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.relnet.display.MimeBundle;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

class ChartsTest {

    private static Table run(String name, double rate) {
        IntColumn step = IntColumn.create("step", new int[] {100, 200, 300});
        DoubleColumn acc = DoubleColumn.create("test_acc", new double[] {0.3 * rate, 0.5 * rate, Double.NaN});
        return Table.create(name, step, acc);
    }

    @Test
    void oneSeriesPerRunColouredByValue() {
        Map<Double, Table> runs = new LinkedHashMap<>();
        runs.put(1e-2, run("a", 1));
        runs.put(1e-4, run("b", 0.5));
        runs.put(1e-3, run("c", 0.8));
        XYChart c = Charts.compareRunsByValue("lr", runs, "test_acc", "lr");
        assertEquals(List.of("lr=1e-4", "lr=0.001", "lr=0.01"), List.copyOf(c.getSeriesMap().keySet()));
        XYSeries smallest = c.getSeriesMap().get("lr=1e-4");
        XYSeries largest = c.getSeriesMap().get("lr=0.01");
        assertTrue(smallest.getLineColor().getBlue() > largest.getLineColor().getBlue(), "small lr blue, large lr red");
        assertEquals(2, smallest.getXData().length, "NaN points are dropped");
    }

    @Test
    void compactNumbers() {
        assertEquals("2.5e-4", Charts.compact(2.5e-4));
        assertEquals("1e-6", Charts.compact(1.0e-6));
        assertEquals("0.001", Charts.compact(1e-3));
        assertEquals("64", Charts.compact(64));
        assertEquals("-3.3e-5", Charts.compact(-3.3e-5));
    }

    @Test
    void scatterMarksTheBestRange() {
        XYChart c = Charts.scatterLogX("search", new double[] {1e-5, 1e-4, 5e-4, 1e-2}, new double[] {0.5, 0.7, 0.9, 0.3},
                "lr", "accuracy", 3e-4, 1e-3, "paper: 3e-4..1e-3");
        assertTrue(c.getStyler().isXAxisLogarithmic());
        XYSeries band = c.getSeriesMap().get("paper: 3e-4..1e-3");
        assertEquals(XYSeries.XYSeriesRenderStyle.Area, band.getXYSeriesRenderStyle());
        assertEquals(3e-4, band.getXMin(), 0);
        assertEquals(1e-3, band.getXMax(), 0);
        assertEquals(4, c.getSeriesMap().get("trials").getXData().length);
    }

    @Test
    void savesPngAndSvgAndMakesBundles(@TempDir Path dir) throws Exception {
        XYChart c = Charts.curves(run("r", 1), "test_acc");
        Path png = Charts.save(c, dir.resolve("sub/curve.png"));
        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(Charts.WIDTH, img.getWidth());
        assertEquals(Charts.HEIGHT, img.getHeight());
        Path svg = Charts.save(c, dir.resolve("curve.svg"));
        assertTrue(Files.readString(svg).contains("<svg"));
        assertThrows(IllegalArgumentException.class, () -> Charts.save(c, dir.resolve("curve.gif")));
        MimeBundle b = Charts.toBundle(c);
        assertTrue(b.get(MimeBundle.PNG).length() > 100);
        BufferedImage two = Charts.row(c, c);
        assertEquals(2 * Charts.WIDTH, two.getWidth());
    }

    @Test
    void barsCheckTheirShape() {
        var chart = Charts.bars("time", "s", List.of("case 1", "case 2"), Map.of("ms/100 it", new double[] {1, 2}));
        assertEquals(1, chart.getSeriesMap().size());
        assertThrows(IllegalArgumentException.class,
                () -> Charts.bars("t", "s", List.of("a", "b"), Map.of("x", new double[] {1})));
        assertThrows(IllegalArgumentException.class, () -> Charts.curves(run("r", 1), "nope"));
    }
}
