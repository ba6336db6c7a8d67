package org.relnet.plot.plotly;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.image.BufferedImage;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.relnet.display.MimeBundle;
import org.relnet.display.Notebook;
import tech.tablesaw.plotly.components.Figure;

/**
 * Shows Tablesaw {@code jsplot} figures as interactive Plotly charts with no network access.
 *
 * <p>One output carries the same figure in several forms, and each front end picks what it can show:
 * <ul>
 *   <li>{@value #PLOTLY_MIME}: JupyterLab 4 and Notebook 7 draw it with the renderer that the
 *       {@code plotly} Python package installs (plotly.js is bundled in that extension); it is
 *       rendered even in untrusted notebooks;</li>
 *   <li>{@code text/html}: a chart drawn by the plotly.js packaged in kernel-lib, for the classic
 *       Notebook and nbconvert HTML. The library itself travels once per kernel session, inside
 *       the first figure shown. Until a script runs (and where none may run: GitHub, mail) the
 *       HTML shows a static picture of the same data drawn with XChart;</li>
 *   <li>{@code text/plain}: one line naming the traces.</li>
 * </ul>
 * A separate {@code image/png} is left out by default on purpose: JupyterLab's Plotly renderer
 * shows a bundle's PNG instead of the chart until the mouse enters it. Ask for one with
 * {@link #toBundle(Figure, boolean)} when a viewer needs it.
 *
 * <p>Kernels register {@link #toBundle(Figure)} as the renderer of {@link Figure}; notebooks call
 * {@link #show(Figure)} or simply end a cell with the figure.
 */
public final class OfflinePlotly {
    public static final String PLOTLY_MIME = "application/vnd.plotly.v1+json";

    /** Whether the next text/html must carry plotly.js (the first figure of a kernel session does). */
    private static final AtomicBoolean libraryPending = new AtomicBoolean(true);

    private OfflinePlotly() {}

    /**
     * The figure as a MIME bundle: Plotly JSON, HTML (with the static picture inside) and text.
     *
     * <p>The {@value #PLOTLY_MIME} entry is JSON text; a kernel must send it as a JSON object (as it
     * should for every {@code *json} MIME type), not as a string.
     */
    public static MimeBundle toBundle(Figure figure) {
        return toBundle(figure, false);
    }

    /** As {@link #toBundle(Figure)}, plus the static picture as its own {@code image/png} if asked. */
    public static MimeBundle toBundle(Figure figure, boolean separatePng) {
        ObjectNode json;
        try {
            json = FigureJson.of(figure);
        } catch (IllegalArgumentException unreadable) {
            // Tablesaw wrote JavaScript we cannot read as data: still show the chart where scripts
            // run, through Tablesaw's own script, and say why there is no static copy.
            return fallback(figure, unreadable.getMessage());
        }
        BufferedImage png = StaticFigure.render(json);
        String pngBase64 = MimeBundle.base64Png(png);
        String text = describe(json);
        MimeBundle.Builder bundle = MimeBundle.builder()
                .put(PLOTLY_MIME, write(json))
                .html(html(json, pngBase64, png.getWidth(), png.getHeight(), text));
        if (separatePng) bundle.put(MimeBundle.PNG, pngBase64);
        return bundle.plain(text).build();
    }

    /** The static picture alone (XChart), e.g. to save a figure for a paper or a slide. */
    public static BufferedImage toImage(Figure figure) {
        return StaticFigure.render(FigureJson.of(figure));
    }

    /** Displays the figure in the attached notebook; without one, prints its description. */
    public static Optional<String> show(Figure figure) {
        MimeBundle bundle = toBundle(figure);
        Optional<String> id = Notebook.display(bundle);
        if (id.isEmpty()) System.out.println(bundle.get(MimeBundle.PLAIN));
        return id;
    }

    /** Makes the next figure carry plotly.js again (a kernel calls this on restart). */
    public static void resetSession() {
        libraryPending.set(true);
    }

    static String html(ObjectNode json, String pngBase64, int width, int height, String alt) {
        String id = "relnet-plotly-" + UUID.randomUUID();
        String library = libraryPending.getAndSet(false) ? PlotlyLibrary.loaderScript() : "";
        return library
                + "<div id=\"" + id + "\" class=\"relnet-plotly\" style=\"width:" + width + "px;height:" + height + "px\">"
                + "<img alt=\"" + escapeHtml(alt) + "\" src=\"data:image/png;base64," + pngBase64 + "\"/></div>\n"
                + "<script>\n(function () {\n"
                + "  var el = document.getElementById('" + id + "');\n"
                + "  var fig = " + write(json).replace("</", "<\\/") + ";\n"
                + "  var lib = window.Plotly ? Promise.resolve(window.Plotly) : window.__relnetPlotly;\n"
                + "  if (!el || !lib) return;  // no library on this page: keep the picture\n"
                + "  lib.then(function (Plotly) { el.innerHTML = ''; return Plotly.newPlot(el, fig.data, fig.layout, fig.config); })\n"
                + "     .catch(function (e) { console.warn('RelNet: interactive chart unavailable, showing the picture', e); });\n"
                + "})();\n</script>\n";
    }

    private static MimeBundle fallback(Figure figure, String why) {
        String id = "relnet-plotly-" + UUID.randomUUID();
        String library = libraryPending.getAndSet(false) ? PlotlyLibrary.loaderScript() : "";
        // Tablesaw's script calls Plotly.newPlot directly: run it once the packaged library is ready.
        String script = figure.asJavascript(id)
                .replace("<script>", "<script>\n(window.Plotly ? Promise.resolve(window.Plotly) : window.__relnetPlotly)"
                        + ".then(function (Plotly) {")
                .replace("</script>", "});\n</script>");
        return MimeBundle.builder()
                .html(library + "<div id=\"" + id + "\"></div>\n" + script)
                .plain("Plotly figure (no static copy: " + why + ")")
                .build();
    }

    static String describe(ObjectNode json) {
        String title = json.path("layout").path("title").isObject()
                ? json.path("layout").path("title").path("text").asText("")
                : json.path("layout").path("title").asText("");
        StringBuilder s = new StringBuilder("Plotly figure");
        if (!title.isBlank()) s.append(" '").append(title).append('\'');
        s.append(": ");
        for (int i = 0; i < json.path("data").size(); i++) {
            if (i > 0) s.append(", ");
            var t = json.path("data").get(i);
            int n = Math.max(t.path("y").size(), Math.max(t.path("x").size(), t.path("values").size()));
            s.append(t.path("type").asText("scatter")).append(" '").append(t.path("name").asText("")).append("' (").append(n).append(" points)");
        }
        return s.toString();
    }

    private static String write(ObjectNode json) {
        try {
            return FigureJson.MAPPER.writeValueAsString(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }

    private static String escapeHtml(String s) {
        return s.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
