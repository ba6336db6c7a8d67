package org.relnet.plot.plotly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.relnet.display.MimeBundle;
import tech.tablesaw.plotly.components.Figure;
import tech.tablesaw.plotly.components.Layout;
import tech.tablesaw.plotly.traces.BarTrace;
import tech.tablesaw.plotly.traces.BoxTrace;
import tech.tablesaw.plotly.traces.HistogramTrace;
import tech.tablesaw.plotly.traces.PieTrace;
import tech.tablesaw.plotly.traces.ScatterTrace;

class OfflinePlotlyTest {

    private static Figure lossCurve() {
        double[] epoch = {1, 2, 3, 4};
        double[] loss = {2.5, 1.25, Double.NaN, 0.5};
        return new Figure(Layout.builder("Training loss", "epoch", "loss").build(),
                ScatterTrace.builder(epoch, loss).mode(ScatterTrace.Mode.LINE).name("train").build());
    }

    @Test
    void bundleCarriesPlotlyJsonHtmlPngAndText() throws IOException {
        MimeBundle b = OfflinePlotly.toBundle(lossCurve());
        assertEquals(Set.of(OfflinePlotly.PLOTLY_MIME, MimeBundle.HTML, MimeBundle.PLAIN), b.data().keySet(),
                "no separate PNG: JupyterLab's Plotly renderer would show it instead of the chart");
        assertTrue(OfflinePlotly.toBundle(lossCurve(), true).data().containsKey(MimeBundle.PNG));

        JsonNode fig = FigureJson.MAPPER.readTree(b.get(OfflinePlotly.PLOTLY_MIME)); // strict JSON
        JsonNode trace = fig.path("data").get(0);
        assertEquals("scatter", trace.path("type").asText());
        assertEquals("train", trace.path("name").asText());
        assertTrue(trace.path("x").get(3).isNumber(), "Tablesaw's numeric strings become numbers");
        assertEquals(4.0, trace.path("x").get(3).asDouble());
        assertTrue(trace.path("y").get(2).isNull(), "NaN becomes null, a gap Plotly understands");
        assertEquals("Training loss", fig.path("layout").path("title").path("text").asText(), "plotly.js 3 needs title objects");
        assertEquals("epoch", fig.path("layout").path("xaxis").path("title").path("text").asText());
        assertFalse(fig.path("config").path("showLink").asBoolean(true), "no link to the Plotly cloud");
        assertTrue(b.get(MimeBundle.PLAIN).contains("'Training loss'"));
    }

    @Test
    void htmlDrawsFromTheInlinedLibraryAndKeepsThePictureUntilThen() {
        OfflinePlotly.resetSession();
        String first = OfflinePlotly.toBundle(lossCurve()).get(MimeBundle.HTML);
        String second = OfflinePlotly.toBundle(lossCurve()).get(MimeBundle.HTML);
        assertTrue(first.contains("window.__relnetPlotly = "), "the first figure of a session carries plotly.js");
        assertFalse(second.contains("window.__relnetPlotly = "), "later figures reuse it");
        assertTrue(second.length() < first.length() / 10);
        for (String html : new String[] {first, second}) {
            assertTrue(html.contains("<img alt=\"Plotly figure"), "static picture inside the chart's div");
            assertTrue(html.contains("Plotly.newPlot(el, fig.data, fig.layout, fig.config)"));
            assertFalse(html.contains("require("), "no require.js, which JupyterLab does not have");
            assertFalse(html.matches("(?s).*https?://.*"), "nothing fetched from the network");
        }
    }

    @Test
    void packagedLibraryUnpacksToPlotlyJs() throws IOException {
        String loader = PlotlyLibrary.loaderScript();
        Matcher m = Pattern.compile("atob\\('([A-Za-z0-9+/=]+)'\\)").matcher(loader);
        assertTrue(m.find(), "loader embeds the library as base64");
        byte[] gz = Base64.getDecoder().decode(m.group(1));
        String js;
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
            js = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertTrue(js.contains("plotly.js v" + PlotlyLibrary.version()));
        assertTrue(js.contains("window.Plotly = Plotly"), "the bundle defines window.Plotly in a browser");
        assertTrue(gz.length < js.length() / 3, "compressed for transport");
    }

    @Test
    void staticPicturesShowTheData() throws IOException {
        Figure[] figures = {
            lossCurve(),
            new Figure(Layout.builder("Accuracy by question type").build(),
                    BarTrace.builder(new Object[] {"relational", "non-relational"}, new double[] {0.9, 0.98}).build()),
            new Figure(HistogramTrace.builder(new double[] {1, 2, 2, 3, 3, 3, 4, 4, 5}).build()),
            new Figure(PieTrace.builder(new Object[] {"a", "b"}, new double[] {1, 3}).build()),
        };
        for (Figure f : figures) {
            MimeBundle b = OfflinePlotly.toBundle(f, true);
            BufferedImage img = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(b.get(MimeBundle.PNG))));
            JsonNode layout = FigureJson.MAPPER.readTree(b.get(OfflinePlotly.PLOTLY_MIME)).path("layout");
            assertEquals(layout.path("width").asInt(StaticFigure.DEFAULT_WIDTH), img.getWidth());
            assertEquals(layout.path("height").asInt(StaticFigure.DEFAULT_HEIGHT), img.getHeight());
            assertTrue(distinctColours(img) > 5, "a chart, not a blank image: " + b.get(MimeBundle.PLAIN));
        }
    }

    @Test
    void unsupportedTraceTypeGetsALabelledPlaceholder() throws IOException {
        Figure box = new Figure(BoxTrace.builder(new Object[] {"a", "a", "b"}, new double[] {1, 2, 3}).build());
        MimeBundle b = OfflinePlotly.toBundle(box, true);
        assertEquals("box", FigureJson.MAPPER.readTree(b.get(OfflinePlotly.PLOTLY_MIME)).path("data").get(0).path("type").asText());
        assertTrue(b.data().containsKey(MimeBundle.PNG));
        assertEquals(StaticFigure.DEFAULT_WIDTH, OfflinePlotly.toImage(box).getWidth());
    }

    @Test
    void unreadableJavascriptIsReportedWithWhereAndWhat() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FigureJson.literal("var trace0 = {x: [1, 2", "trace 0 (loss)"));
        assertTrue(e.getMessage().contains("trace 0 (loss)"), e.getMessage());
        assertTrue(e.getMessage().contains("line 1"), e.getMessage());
    }

    @Test
    void lenientLiteralsBecomeJson() {
        JsonNode n = FigureJson.literal("var layout = {\n  title: 'it', height: 300,\n  xaxis: {range: [0, NaN],},\n};", "layout");
        assertEquals("it", n.path("title").asText());
        assertEquals(300, n.path("height").asInt());
        assertTrue(n.path("xaxis").path("range").get(1).isNull());
    }

    @Test
    void categoryLabelsStayText() {
        var a = (com.fasterxml.jackson.databind.node.ArrayNode) FigureJson.literal("['1', 'b', 'NaN']", "x");
        FigureJson.numbersFromText(a);
        assertEquals("1", a.get(0).asText());
        assertTrue(a.get(0).isTextual());
    }

    private static int distinctColours(BufferedImage img) {
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < img.getHeight(); y += 3) {
            for (int x = 0; x < img.getWidth(); x += 3) colours.add(img.getRGB(x, y));
        }
        return colours.size();
    }
}
